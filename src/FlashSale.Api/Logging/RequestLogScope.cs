using System.Collections;
using FlashSale.EventStore.Logging;

namespace FlashSale.Api.Logging;

/// <summary>The scope every request's lines carry (<c>service</c>, <c>correlation_id</c>): what
/// <see cref="LogScope"/> of those two fields is, in one object per request instead of three. It also carries the
/// framework's hosting scope's <c>RequestId</c> and <c>RequestPath</c>, which the framework no longer opens per request
/// unless its request lines are logged (<see cref="HostingDiagnostics"/>).</summary>
internal sealed class RequestLogScope(string service, string correlationId, string requestId, string? requestPath)
    : IReadOnlyList<KeyValuePair<string, object?>>
{
    public const string RequestIdKey = "RequestId";
    public const string RequestPathKey = "RequestPath";

    public int Count => 4;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(LogFields.Service, service),
        1 => new(LogFields.CorrelationId, correlationId),
        2 => new(RequestIdKey, requestId),
        3 => new(RequestPathKey, requestPath),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() =>
        $"{LogFields.Service}={service}, {LogFields.CorrelationId}={correlationId}, {RequestIdKey}={requestId}, {RequestPathKey}={requestPath}";
}
