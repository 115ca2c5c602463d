using System.Runtime.CompilerServices;
using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Handling;

/// <summary>
/// The events the followers of one event store instance decoded last, so that followers handed the same recorded event
/// decode it once: the SQLite store gives every subscription of the process the same instance of its own appends (ADR
/// 0025), and the projections, the order index and payments each decoded it again (ADR 0026). A decode is reused only for
/// that very instance (reference equality), never for an event that merely has its position: one read from the file,
/// appended by another process or held by another store is decoded from its own bytes.
/// </summary>
internal sealed class SharedDecodes
{
    // A power of two, as large as the SQLite store's ring of recent appends: followers a few batches apart still share.
    private const int Capacity = 8192;

    private static readonly ConditionalWeakTable<IEventStore, SharedDecodes> ByStore = new();

    private readonly ReceivedEvent?[] _slots = new ReceivedEvent?[Capacity];

    /// <summary>The decodes shared by the followers of <paramref name="events"/> (the process's one store instance).</summary>
    public static SharedDecodes For(IEventStore events) => ByStore.GetValue(events, _ => new SharedDecodes());

    /// <summary><see cref="ReceivedEvent.Decode(RecordedEvent, IReadOnlySet{string}?)"/>, reusing the decode of this instance.</summary>
    public ReceivedEvent Decode(RecordedEvent recorded, IReadOnlySet<string>? types)
    {
        // Only full decodes are shared: an undecoded one must not reach a follower that decodes every type.
        if (types is not null && !types.Contains(recorded.Type)) return new ReceivedEvent(recorded, null, null);
        ref var slot = ref _slots[(int)(recorded.Position.Commit & (Capacity - 1))];
        // One reference read and one write: an entry is immutable, so a race only costs a decode.
        if (Volatile.Read(ref slot) is { } held && ReferenceEquals(held.Recorded, recorded)) return held;
        var decoded = ReceivedEvent.Decode(recorded);
        Volatile.Write(ref slot, decoded);
        return decoded;
    }
}
