using System.Runtime.CompilerServices;
using FlashSale.EventStore;

namespace FlashSale.Subscriptions.Handling;

/// <summary>
/// The events the followers of one event store instance are decoding, so that followers handed the same recorded event
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
    // How many more subscriptions will take the decode in the slot; the last one empties it, so a decode is not kept alive
    // (and promoted by the GC) once every follower has it.
    private readonly int[] _takers = new int[Capacity];
    private readonly Lock _lock = new();
    // The types each running subscription decodes (null: all); replaced, never changed.
    private volatile IReadOnlySet<string>?[] _subscriptions = [];

    /// <summary>The decodes shared by the followers of <paramref name="events"/> (the process's one store instance).</summary>
    public static SharedDecodes For(IEventStore events) => ByStore.GetValue(events, _ => new SharedDecodes());

    /// <summary>A follower's subscription that decodes <paramref name="types"/> (all when null) starts; dispose it when it ends.</summary>
    public IDisposable Subscribe(IReadOnlySet<string>? types)
    {
        lock (_lock) _subscriptions = [.. _subscriptions, types];
        return new Subscription(this, types);
    }

    /// <summary><see cref="ReceivedEvent.Decode(RecordedEvent, IReadOnlySet{string}?)"/>, reusing the decode of this instance.</summary>
    public ReceivedEvent Decode(RecordedEvent recorded, IReadOnlySet<string>? types)
    {
        // Only full decodes are shared: an undecoded one must not reach a follower that decodes every type.
        if (!Wants(types, recorded.Type)) return new ReceivedEvent(recorded, null, null);
        var index = (int)(recorded.Position.Commit & (Capacity - 1));
        ref var slot = ref _slots[index];
        if (Volatile.Read(ref slot) is { } held && ReferenceEquals(held.Recorded, recorded))
        {
            if (Interlocked.Decrement(ref _takers[index]) <= 0) Interlocked.CompareExchange(ref slot, null, held);
            return held;
        }
        var decoded = ReceivedEvent.Decode(recorded);
        var others = -1;
        foreach (var wanted in _subscriptions)
            if (Wants(wanted, recorded.Type)) others++;
        if (others <= 0) return decoded;
        // Immutable entries, one reference each: a race between followers only costs a decode or an entry kept longer.
        Volatile.Write(ref _takers[index], others);
        Volatile.Write(ref slot, decoded);
        return decoded;
    }

    private static bool Wants(IReadOnlySet<string>? types, string type) => types is null || types.Contains(type);

    private sealed class Subscription(SharedDecodes decodes, IReadOnlySet<string>? types) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lock (decodes._lock)
            {
                var running = decodes._subscriptions.ToList();
                running.Remove(types);
                decodes._subscriptions = [.. running];
            }
        }
    }
}
