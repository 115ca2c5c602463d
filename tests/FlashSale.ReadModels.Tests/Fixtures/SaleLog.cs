using FlashSale.Contracts;
using System.Text;
using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>Writes item events to the log the way the write side stores them (type map, JSON, metadata, revisions).</summary>
public sealed class SaleLog(IEventStore events)
{
    private static readonly byte[] Metadata =
        ItemEventSerializer.SerializeMetadata(new EventMetadata("correlation-1", "causation-1", "tests", DateTimeOffset.UnixEpoch));

    private readonly Dictionary<string, long> _revisions = new(StringComparer.Ordinal);

    /// <summary>Appends each run of consecutive events of one item in one append; returns the last position.</summary>
    public async Task<LogPosition> AppendAsync(params IReadOnlyList<ItemEvent> events)
    {
        var last = LogPosition.Start;
        for (var start = 0; start < events.Count;)
        {
            var end = start;
            while (end < events.Count && events[end].ItemId == events[start].ItemId) end++;
            var stream = ItemStreams.For(events[start].ItemId);
            var revision = _revisions.GetValueOrDefault(stream, -1);
            var data = events.Skip(start).Take(end - start).Select((e, i) => ItemEventSerializer.ToEventData(e, revision + 1 + i, Metadata)).ToList();
            last = await AppendAsync(stream, revision, data);
            start = end;
        }
        return last;
    }

    /// <summary>An event of a known type whose data no version can read: a poison event for every projection.</summary>
    public Task<LogPosition> AppendUnreadableAsync(string itemId, string type) =>
        AppendAsync(ItemStreams.For(itemId), _revisions.GetValueOrDefault(ItemStreams.For(itemId), -1),
            [new EventData(Guid.NewGuid(), type, Encoding.UTF8.GetBytes("{\"itemId\": not json"), Metadata)]);

    private async Task<LogPosition> AppendAsync(string stream, long revision, IReadOnlyList<EventData> data)
    {
        var result = await events.AppendAsync(stream, ExpectedRevision.After(revision), data);
        var success = result as AppendResult.Success ?? throw new InvalidOperationException($"Append to {stream} failed: {result}");
        _revisions[stream] = success.NextExpectedRevision;
        return success.Position;
    }
}
