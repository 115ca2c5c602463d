using System.Runtime.CompilerServices;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Running;

namespace FlashSale.Cli.Audit;

/// <summary>
/// A stream replayed through a pure projection one event at a time, each step with the state right after it, read
/// from the store in chunks: a history of a million events is printed without ever being held in memory.
/// </summary>
public static class HistoryReplay
{
    private const int ChunkSize = 1000;

    public static async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(IEventStore store, string streamId,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (long from = 0; ;)
        {
            var read = 0;
            await foreach (var recorded in store.ReadStreamAsync(streamId, from, ChunkSize, cancellationToken))
            {
                read++;
                from = recorded.StreamRevision + 1;
                yield return recorded;
            }
            if (read < ChunkSize) yield break;
        }
    }

    public static async IAsyncEnumerable<HistoryStep<TRow>> StepsAsync<TRow>(IAsyncEnumerable<RecordedEvent> events, Projection<TRow> projection,
        AsOf asOf, [EnumeratorCancellation] CancellationToken cancellationToken) where TRow : class
    {
        TRow? state = null;
        await foreach (var recorded in events.WithCancellation(cancellationToken))
        {
            if (!asOf.Includes(recorded)) continue;
            if (TryDecode(recorded) is { } projected && projection.KeyOf(projected) is not null) state = TryApply(projection, state, projected);
            yield return new HistoryStep<TRow>(recorded.Position.ToToken(), recorded.StreamRevision, recorded.Type, recorded.Created, state);
        }
    }

    private static ProjectedEvent? TryDecode(RecordedEvent recorded)
    {
        try { return EventDecoder.Decode(recorded); }
        catch (Exception) { return null; } // the runner records these as poison events; history skips them the same way
    }

    private static TRow? TryApply<TRow>(Projection<TRow> projection, TRow? state, ProjectedEvent e) where TRow : class
    {
        try { return projection.Apply(state, e); }
        catch (Exception) { return state; }
    }
}
