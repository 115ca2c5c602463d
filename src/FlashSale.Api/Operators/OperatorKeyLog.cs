using FlashSale.EventStore.Logging;

namespace FlashSale.Api.Operators;

/// <summary>The operator keys' log lines: keys only ever by <see cref="OperatorKey.Fingerprint"/>, never their value.</summary>
internal static partial class OperatorKeyLog
{
    [LoggerMessage(EventName = LogEvents.OperatorKeysAccepted, Level = LogLevel.Information,
        Message = "Operator keys accepted: Operators:ApiKey {Current}, Operators:PreviousApiKey {Previous}")]
    public static partial void OperatorKeysAccepted(this ILogger logger, string current, string previous);

    [LoggerMessage(EventName = LogEvents.OperatorPreviousKeyUsed, Level = LogLevel.Warning,
        Message = "{Method} {Path} from {RemoteAddress} used the previous operator key (Operators:PreviousApiKey); move this client to Operators:ApiKey before the previous key is removed")]
    public static partial void OperatorPreviousKeyUsed(this ILogger logger, string method, string path, string remoteAddress);
}
