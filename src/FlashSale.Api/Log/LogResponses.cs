using FlashSale.Application.CommandPath;
using FlashSale.Contracts;

namespace FlashSale.Api.Log;

/// <param name="Blocking">Unreadable events no operator has skipped yet: their items answer 503 <c>item.unreadable</c>.</param>
public sealed record UnreadableLog(int Blocking, IReadOnlyList<UnreadableEvent> Unreadable, UnknownEvents Unknown)
{
    public static UnreadableLog From(LogAnomalies anomalies)
    {
        var unreadable = anomalies.UnreadableEvents.Select(UnreadableEvent.From).ToList();
        return new UnreadableLog(unreadable.Count(u => u.State == UnreadableEvent.Blocking), unreadable,
            new UnknownEvents(anomalies.UnknownCount, anomalies.UnknownTypes, [.. anomalies.UnknownEvents.Select(UnknownEvent.From)]));
    }
}

/// <param name="State"><c>blocking</c> or <c>skipped</c> (then <paramref name="SkippedBy"/>, <paramref name="SkipReason"/>
/// and <paramref name="SkippedAt"/> say by whom and why).</param>
public sealed record UnreadableEvent(string StreamId, string? ItemId, long Revision, string Position, string Type, string Error,
    string FoundBy, DateTimeOffset FoundAt, string State, string? SkippedBy, string? SkipReason, DateTimeOffset? SkippedAt)
{
    public const string Blocking = "blocking";
    public const string Skipped = "skipped";

    public static UnreadableEvent From(UnreadableEventReport r) => new(r.StreamId, ItemOf(r.StreamId), r.Revision, r.Position.ToToken(),
        r.Type, r.Error, r.FoundBy, r.FoundAt, r.IsBlocking ? Blocking : Skipped, r.Skipped?.Actor, r.Skipped?.Reason, r.Skipped?.SkippedAt);

    internal static string? ItemOf(string streamId) =>
        streamId.StartsWith(ItemStreams.Prefix, StringComparison.Ordinal) ? streamId[ItemStreams.Prefix.Length..] : null;
}

/// <param name="Count">Every unknown event seen; <paramref name="Events"/> lists the first
/// <see cref="LogAnomalies.MaxUnknownKept"/>.</param>
public sealed record UnknownEvents(long Count, IReadOnlyDictionary<string, int> Types, IReadOnlyList<UnknownEvent> Events);

public sealed record UnknownEvent(string StreamId, long Revision, string Position, string Type, string FoundBy, DateTimeOffset FoundAt)
{
    public static UnknownEvent From(UnknownEventReport r) => new(r.StreamId, r.Revision, r.Position.ToToken(), r.Type, r.FoundBy, r.FoundAt);
}
