namespace FlashSale.Domain.Collections;

public sealed partial class PersistentMap<TValue>
{
    /// <summary>A map of <paramref name="capacity"/> entries or so, built in bulk: one presized dictionary filled in place,
    /// without a version per entry. Its one product is the first version of a new lineage.</summary>
    public static Builder CreateBuilder(int capacity) => new(capacity);

    /// <summary>Fills one dictionary and hands it over once as a map: a hash map has no balanced shape to build from sorted
    /// input, so bulk means no lock, no undo record and no resize per entry (snapshots of a million orders load this way).</summary>
    public sealed class Builder
    {
        private Dictionary<string, TValue>? _entries;

        internal Builder(int capacity) => _entries = new Dictionary<string, TValue>(Math.Max(capacity, 0), StringComparer.Ordinal);

        public int Count => Entries.Count;

        /// <summary>Adds an entry; a key given twice is an error (bulk input holds each key once).</summary>
        public void Add(string key, TValue value)
        {
            if (!Entries.TryAdd(key, value)) throw new ArgumentException($"The key '{key}' is added twice.", nameof(key));
        }

        /// <summary>The map of every entry added; the builder cannot be used after it.</summary>
        public PersistentMap<TValue> ToMap()
        {
            var entries = Entries;
            _entries = null;
            return entries.Count == 0 ? Empty : new PersistentMap<TValue>(new Lineage(entries), entries.Count);
        }

        private Dictionary<string, TValue> Entries =>
            _entries ?? throw new InvalidOperationException("The builder's map was already taken.");
    }
}
