using FlashSale.EventStore;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>
/// An append whose answer is lost to a timeout but which the store still performs later: once armed, the next append
/// fails at once with <see cref="EventStoreTimeoutException"/> and is held back; it lands just before the append after
/// it is sent, as a slow write that reached the server would.
/// </summary>
internal sealed class LateLandingEventStore(IEventStore inner) : DelegatingEventStore(inner)
{
    private readonly Lock _gate = new();
    private bool _armed;
    private (string Stream, ExpectedRevision Expected, IReadOnlyList<EventData> Events)? _held;

    public void LoseTheNextAnswer()
    {
        lock (_gate) _armed = true;
    }

    /// <summary>What the held append got when it finally landed.</summary>
    public AppendResult? LandedLate { get; private set; }

    // What it always answered (the port's default): the writer stores every event's append end.
    public override bool AnswersEveryAppendedPosition => false;

    public override async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        (string Stream, ExpectedRevision Expected, IReadOnlyList<EventData> Events)? landing;
        lock (_gate)
        {
            if (_armed)
            {
                _armed = false;
                _held = (streamId, expected, events);
                throw new EventStoreTimeoutException($"The append to '{streamId}' got no answer within its deadline.");
            }
            (landing, _held) = (_held, null);
        }
        if (landing is { } late) LandedLate = await Inner.AppendAsync(late.Stream, late.Expected, late.Events, cancellationToken: cancellationToken);
        return await Inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
    }
}
