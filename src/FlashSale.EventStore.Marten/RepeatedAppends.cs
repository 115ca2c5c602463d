using Marten;

namespace FlashSale.EventStore.Marten;

/// <summary>
/// EventStoreDB's idempotent repeat for an exact revision (or no stream) behind the stream, as in the SQLite adapter
/// (ADR 0008): when the events stored right after the expected revision carry exactly the append's ids, in order, the
/// append was already made and is answered with its own revision and positions. Only on the conflict path.
/// </summary>
internal static class RepeatedAppends
{
    public static async Task<AppendResult.Success?> FindAsync(IDocumentSession session, string streamId, ExpectedRevision expected,
        long current, IReadOnlyList<EventData> events, CancellationToken cancellationToken)
    {
        if (!(expected.IsExact || expected.IsNoStream)) return null;
        var last = expected.Value + events.Count;
        if (expected.Value >= current || last > current) return null;

        // Marten's versions are 1-based: revisions expected + 1 .. last are versions expected + 2 .. last + 1.
        var stored = await session.Events.FetchStreamAsync(streamId, version: last + 1, fromVersion: expected.Value + 2,
            token: cancellationToken);
        if (stored.Count != events.Count) return null;
        for (var i = 0; i < events.Count; i++)
            if (stored[i].Id != events[i].EventId) return null;
        return new AppendResult.Success(last, [.. stored.Select(e => LogPosition.At((ulong)e.Sequence))]);
    }
}
