using System.Collections.Concurrent;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using Microsoft.Extensions.Logging;

namespace FlashSale.Application.CommandPath;

/// <summary>An event of a type this version knows whose data it cannot read; it blocks its item until skipped.</summary>
/// <param name="FoundBy">Which reader of this process met it first (<c>item-writer</c>, <c>order-index</c>).</param>
public sealed record UnreadableEventReport(string StreamId, long Revision, LogPosition Position, string Type, string Error,
    string FoundBy, DateTimeOffset FoundAt, UnreadableEventSkipped? Skipped = null)
{
    public bool IsBlocking => Skipped is null;
}

/// <summary>An event of a type this version does not know (written by a newer one): kept in the log, skipped here.</summary>
public sealed record UnknownEventReport(string StreamId, long Revision, LogPosition Position, string Type, string FoundBy, DateTimeOffset FoundAt);

/// <summary>
/// The events of the log this process could not read, from every reader of the write side, each reported once (by
/// position) and logged once: unreadable events (per event) and unknown types (per type). Read by the operators'
/// status endpoint and the metrics.
/// </summary>
public sealed class LogAnomalies(TimeProvider clock, ILogger<LogAnomalies> logger)
{
    /// <summary>Unknown events kept with their place; beyond this only the count grows.</summary>
    public const int MaxUnknownKept = 10_000;

    private readonly ConcurrentDictionary<LogPosition, UnreadableEventReport> _unreadable = new();
    private readonly ConcurrentDictionary<LogPosition, UnknownEventReport> _unknown = new();
    private readonly ConcurrentDictionary<string, int> _unknownTypes = new(StringComparer.Ordinal);
    private long _unknownBeyondKept;

    public IReadOnlyList<UnreadableEventReport> UnreadableEvents => [.. _unreadable.Values.OrderBy(r => r.Position)];

    public IReadOnlyList<UnknownEventReport> UnknownEvents => [.. _unknown.Values.OrderBy(r => r.Position)];

    public long UnknownCount => _unknown.Count + Interlocked.Read(ref _unknownBeyondKept);

    public IReadOnlyDictionary<string, int> UnknownTypes => _unknownTypes.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    public void Unreadable(RecordedEvent recorded, string error, string foundBy)
    {
        var report = new UnreadableEventReport(recorded.StreamId, recorded.StreamRevision, recorded.Position, recorded.Type, error,
            foundBy, clock.GetUtcNow());
        if (_unreadable.TryAdd(recorded.Position, report))
            logger.EventUnreadable(recorded.Type, recorded.StreamRevision, recorded.StreamId, recorded.Position.ToToken(), error);
    }

    public void Unknown(RecordedEvent recorded, string foundBy)
    {
        if (_unknown.ContainsKey(recorded.Position)) return;
        if (_unknown.Count >= MaxUnknownKept) Interlocked.Increment(ref _unknownBeyondKept);
        else if (!_unknown.TryAdd(recorded.Position, new UnknownEventReport(recorded.StreamId, recorded.StreamRevision, recorded.Position,
                     recorded.Type, foundBy, clock.GetUtcNow()))) return;
        if (_unknownTypes.AddOrUpdate(recorded.Type, 1, (_, n) => n + 1) == 1)
            logger.EventTypeUnknown(recorded.Type, recorded.StreamRevision, recorded.StreamId, recorded.Position.ToToken());
    }

    public void Skipped(string streamId, UnreadableEventSkipped skipped)
    {
        if (!LogPosition.TryParseToken(skipped.Position, out var position)) return;
        var report = _unreadable.AddOrUpdate(position,
            _ => new UnreadableEventReport(streamId, skipped.Revision, position, skipped.Type, "(skipped before this process read it)",
                "item-writer", clock.GetUtcNow(), skipped),
            (_, known) => known with { Skipped = skipped });
        logger.EventSkipped(report.Type, report.Revision, streamId, skipped.Actor, skipped.Reason);
    }
}
