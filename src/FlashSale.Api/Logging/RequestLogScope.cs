using System.Collections;
using FlashSale.EventStore.Logging;

namespace FlashSale.Api.Logging;

/// <summary>The scope every request's lines carry (<c>service</c>, <c>correlation_id</c>): what
/// <see cref="LogScope"/> of those two fields is, in one object per request instead of three.</summary>
internal sealed class RequestLogScope(string service, string correlationId) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => 2;

    public KeyValuePair<string, object?> this[int index] => index switch
    {
        0 => new(LogFields.Service, service),
        1 => new(LogFields.CorrelationId, correlationId),
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return this[0];
        yield return this[1];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"{LogFields.Service}={service}, {LogFields.CorrelationId}={correlationId}";
}
