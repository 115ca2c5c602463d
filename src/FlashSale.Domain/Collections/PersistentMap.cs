using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace FlashSale.Domain.Collections;

/// <summary>
/// An immutable map from ordinal strings, as its users see it: <see cref="SetItem"/> returns a new version and every
/// version keeps answering as it did. Inside, all versions of one lineage share one mutable dictionary, held by the
/// newest version used; the others are undo records towards it (a rerooted persistent array, Baker's trick). A change
/// to the version holding the dictionary costs one dictionary write and one small object, where an immutable tree
/// copies a path of about log2(n) nodes; reading an older version first moves the dictionary back to it, step by step.
/// The item writer decides forwards from the newest version and goes back only after a conflict, so it rarely pays that.
/// </summary>
public sealed partial class PersistentMap<TValue> : IReadOnlyDictionary<string, TValue>
{
    public static readonly PersistentMap<TValue> Empty = new(null, 0);

    // Null only for Empty: a change to it starts a lineage of its own, so unrelated maps never share a dictionary.
    private readonly Lineage? _lineage;

    // Null while this version holds the dictionary; otherwise this version is _next with _key set back to _value
    // (or absent when !_had).
    private PersistentMap<TValue>? _next;
    private string? _key;
    private TValue? _value;
    private bool _had;

    private PersistentMap(Lineage? lineage, int count) => (_lineage, Count) = (lineage, count);

    public int Count { get; }

    public TValue this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"No entry '{key}'.");

    public IEnumerable<string> Keys => Entries().Select(e => e.Key);

    public IEnumerable<TValue> Values => Entries().Select(e => e.Value);

    public PersistentMap<TValue> SetItem(string key, TValue value)
    {
        var lineage = _lineage ?? new Lineage();
        lock (lineage)
        {
            Reroot();
            var had = lineage.Entries.TryGetValue(key, out var old);
            lineage.Entries[key] = value;
            var next = new PersistentMap<TValue>(lineage, had ? Count : Count + 1);
            if (_lineage is null) return next;
            (_next, _key, _value, _had) = (next, key, old, had);
            return next;
        }
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_lineage is null)
        {
            value = default;
            return false;
        }
        lock (_lineage)
        {
            Reroot();
            return _lineage.Entries.TryGetValue(key, out value);
        }
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerator<KeyValuePair<string, TValue>> GetEnumerator() => Entries().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entries of this version, read in place (scans of a million orders copy nothing): the dictionary
    /// fails the enumeration ("collection was modified") if another version is used before it ends.</summary>
    private IEnumerable<KeyValuePair<string, TValue>> Entries()
    {
        if (_lineage is null) yield break;
        Dictionary<string, TValue>.Enumerator entries;
        lock (_lineage)
        {
            Reroot();
            entries = _lineage.Entries.GetEnumerator();
        }
        while (entries.MoveNext()) yield return entries.Current;
    }

    /// <summary>Moves the dictionary to this version, turning each version on the way into an undo record towards it.</summary>
    private void Reroot()
    {
        if (_next is null) return;
        var path = new Stack<PersistentMap<TValue>>();
        for (var v = this; v._next is not null; v = v._next) path.Push(v);
        var entries = _lineage!.Entries;
        while (path.TryPop(out var back))
        {
            var holder = back._next!;
            var key = back._key!;
            var had = entries.TryGetValue(key, out var current);
            if (back._had) entries[key] = back._value!;
            else entries.Remove(key);
            (holder._next, holder._key, holder._value, holder._had) = (back, key, current, had);
            (back._next, back._key, back._value, back._had) = (null, null, default, false);
        }
    }

    private sealed class Lineage(Dictionary<string, TValue> entries)
    {
        public Lineage() : this(new Dictionary<string, TValue>(StringComparer.Ordinal))
        {
        }

        public Dictionary<string, TValue> Entries { get; } = entries;
    }
}
