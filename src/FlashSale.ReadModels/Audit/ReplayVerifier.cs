using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Audit;

/// <summary>
/// Replays the log in memory through each projection up to the model's checkpoint and compares every row with the
/// read model: how an operator finds corruption before deciding to rebuild.
/// </summary>
public sealed class ReplayVerifier(IEventStore events, IReadModelStore store, IReadOnlyList<IProjection> projections)
{
    public async Task<VerificationReport> VerifyAsync(IReadOnlyCollection<string>? only = null, CancellationToken cancellationToken = default)
    {
        var chosen = projections.Where(p => only is null || only.Count == 0 || only.Contains(p.Name)).ToList();
        var results = new List<ProjectionVerification>();
        var unread = new SortedDictionary<LogPosition, UnreadEvent>();
        foreach (var projection in chosen) results.Add(await VerifyAsync(projection, unread, cancellationToken));
        return new VerificationReport(results, [.. unread.Values]);
    }

    private async Task<ProjectionVerification> VerifyAsync(IProjection projection, SortedDictionary<LogPosition, UnreadEvent> unread,
        CancellationToken cancellationToken)
    {
        var checkpoint = (await store.ReadCheckpointAsync(projection.Name, ReadModelSlot.Live, cancellationToken))?.Position;
        var expected = await ReplayAsync(projection, checkpoint, unread, cancellationToken);
        var table = projection.Table;
        var differences = new List<RowDifference>();
        long compared = 0, skipped = 0;
        var seen = new HashSet<RowKey>();
        await foreach (var actual in store.ReadAllRowsAsync(projection, cancellationToken))
        {
            var key = table.KeyOf(actual);
            seen.Add(key);
            if (table.LastPosition is { } lastPosition && IsAfter(actual[lastPosition.Ordinal], checkpoint))
            {
                skipped++; // the runner moved on while we replayed: not comparable with this checkpoint
                continue;
            }
            compared++;
            if (!expected.TryGetValue(key, out var want))
            {
                differences.Add(Difference(table, key, "unexpected", Columns(table, null, actual)));
                continue;
            }
            var columns = Columns(table, want, actual);
            if (columns.Count > 0) differences.Add(Difference(table, key, "different", columns));
        }
        foreach (var (key, want) in expected)
            if (!seen.Contains(key)) differences.Add(Difference(table, key, "missing", Columns(table, want, null)));
        return new ProjectionVerification(projection.Name, checkpoint, compared, skipped, differences);
    }

    private async Task<Dictionary<RowKey, object?[]>> ReplayAsync(IProjection projection, LogPosition? upTo,
        SortedDictionary<LogPosition, UnreadEvent> unread, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<RowKey, object?>();
        if (upTo is not null)
            await foreach (var recorded in events.ReadAllAsync(null, int.MaxValue, ItemStreams.Filter, cancellationToken))
            {
                if (recorded.Position > upTo) break;
                ProjectedEvent? projected;
                try { projected = EventDecoder.Decode(recorded); }
                catch (Exception ex) // a poison event for the runner too
                {
                    unread.TryAdd(recorded.Position, Unread(UnreadEvent.Unreadable, recorded, ex.Message));
                    continue;
                }
                if (projected is null && ItemEventTypes.TypeOf(recorded.Type) is null)
                    unread.TryAdd(recorded.Position, Unread(UnreadEvent.Unknown, recorded, null));
                if (projected is null || projection.KeyOf(projected) is not { } key) continue;
                try { rows[key] = projection.Apply(rows.GetValueOrDefault(key), projected); }
                catch (Exception) { } // refused by the projection: a poison event for the runner too
            }
        return rows.Where(r => r.Value is not null).ToDictionary(r => r.Key, r => projection.ToValues(r.Value!));
    }

    private static RowDifference Difference(Projections.ReadModelTable table, RowKey key, string kind, IReadOnlyList<ColumnDifference> columns) =>
        new(table.Name, key[0], kind, columns, new OrderedDictionary<string, string>(table.Key.Select((c, i) => KeyValuePair.Create(c.Name, key[i]))));

    private static UnreadEvent Unread(string kind, RecordedEvent recorded, string? error) =>
        new(kind, recorded.StreamId, recorded.StreamRevision, recorded.Position, recorded.Type, error);

    private static bool IsAfter(object? token, LogPosition? checkpoint) =>
        token is string s && LogPosition.TryParseToken(s, out var position) && (checkpoint is null || position > checkpoint);

    private static List<ColumnDifference> Columns(Projections.ReadModelTable table, object?[]? expected, object?[]? actual)
    {
        var columns = new List<ColumnDifference>();
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var want = expected?[i];
            var have = actual?[i];
            if (!Equals(want, have)) columns.Add(new ColumnDifference(table.Columns[i].Name, want, have));
        }
        return columns;
    }
}
