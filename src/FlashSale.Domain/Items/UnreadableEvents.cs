using System.Collections.Immutable;

namespace FlashSale.Domain.Items;

/// <summary>
/// Stands in the fold for an event recorded on the item's stream that this version cannot read (its data does not fit
/// its type). Never stored: the shell folds it where the unreadable event sits, and the item stops taking commands until
/// an operator records <see cref="UnreadableEventSkipped"/> for it.
/// </summary>
/// <param name="Position">The event's global log position, as the opaque token clients see.</param>
public sealed record EventUnreadable(string ItemId, long Revision, string Position, string Type, string Error) : ItemEvent(ItemId);

/// <summary>An operator decided that the unreadable event at <paramref name="Revision"/> counts for nothing: the item is
/// the fold of every other event of its stream.</summary>
public sealed record UnreadableEventSkipped(
    string ItemId,
    long Revision,
    string Position,
    string Type,
    string Reason,
    string Actor,
    DateTimeOffset SkippedAt) : ItemEvent(ItemId);

/// <summary>An operator skips the unreadable event at <paramref name="Position"/> of the item's stream.</summary>
public sealed record SkipUnreadableEvent(string ItemId, string Position, string Reason, string Actor, DateTimeOffset Now)
    : ItemCommand(ItemId);

/// <summary>An unreadable event waiting for an operator's decision.</summary>
public sealed record UnreadableRecord(long Revision, string Position, string Type, string Error);

/// <summary>
/// An item whose stream holds events this version cannot read. <see cref="Readable"/> folds every other event (so the
/// item is right the moment the last one is skipped); until then it refuses every command but
/// <see cref="SkipUnreadableEvent"/>.
/// </summary>
public sealed record Unreadable(ItemState Readable, ImmutableList<UnreadableRecord> Pending) : ItemState
{
    public UnreadableRecord First => Pending[0];
}

public static partial class ItemDecider
{
    private static ItemEvent[] SkipUnreadable(SkipUnreadableEvent c, Unreadable s) =>
        s.Pending.Find(p => p.Position == c.Position) is { } pending
            ? [new UnreadableEventSkipped(c.ItemId, pending.Revision, pending.Position, pending.Type, c.Reason, c.Actor, c.Now)]
            : throw NoUnreadableEventAt(c);

    private static DomainException NoUnreadableEventAt(SkipUnreadableEvent c) =>
        new(DomainErrors.NoUnreadableEvent, $"Item '{c.ItemId}' has no unreadable event waiting at position {c.Position}.");

    private static DomainException Blocked(ItemCommand c, Unreadable s) =>
        new(DomainErrors.ItemUnreadable,
            $"Item '{c.ItemId}' cannot take commands: the {s.First.Type} event at revision {s.First.Revision} (position " +
            $"{s.First.Position}) of its stream cannot be read ({s.First.Error}). An operator must skip it.");

    private static ItemState EvolveUnreadable(ItemState state, ItemEvent @event) => (state, @event) switch
    {
        (Unreadable s, EventUnreadable e) => s with { Pending = s.Pending.Add(Record(e)) },
        (Unreadable s, UnreadableEventSkipped e) => Skip(s, e.Revision),
        (Unreadable s, _) => s with { Readable = Evolve(s.Readable, @event) },
        (_, EventUnreadable e) => new Unreadable(state, [Record(e)]),
        _ => state,
    };

    private static ItemState Skip(Unreadable s, long revision) =>
        s.Pending.RemoveAll(p => p.Revision == revision) is { IsEmpty: false } rest ? s with { Pending = rest } : s.Readable;

    private static UnreadableRecord Record(EventUnreadable e) => new(e.Revision, e.Position, e.Type, e.Error);
}
