using FlashSale.EventStore;

namespace FlashSale.Testing.EventStores;

/// <summary>A store whose appends wait at <see cref="Gate"/>.</summary>
public sealed class GatedEventStore(IEventStore inner, AppendGate? gate = null) : DelegatingEventStore(inner)
{
    public AppendGate Gate { get; } = gate ?? new AppendGate();

    public Task Blocked => Gate.Blocked;

    public void Close() => Gate.Close();

    public void Open() => Gate.Open();

    public override async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        await Gate.PassAsync();
        return await Inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
    }
}
