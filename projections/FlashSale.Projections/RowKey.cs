namespace FlashSale.Projections;

/// <summary>
/// The primary key of a read-model row: the values of its table's key columns, in the order the table declares them
/// (<see cref="ReadModelTable.Key"/>). A table keyed by one column takes a plain string.
/// </summary>
public readonly struct RowKey : IEquatable<RowKey>
{
    // A string for a key of one column (most tables: no array per key the writers cache), a string[] otherwise.
    private readonly object _values;

    // Hashed once: the runner looks a key up several times per event it applies (cache, batch rows, changed set).
    private readonly int _hash;

    public RowKey(params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("A row key has at least one value.", nameof(values));
        foreach (var value in values) ArgumentNullException.ThrowIfNull(value, nameof(values));
        _values = values.Length == 1 ? values[0] : values;
        _hash = Hash(values);
    }

    private RowKey(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        _values = value;
        _hash = StringComparer.Ordinal.GetHashCode(value);
    }

    public IReadOnlyList<string> Values => Stored switch
    {
        string one => [one],
        var many => (string[])many,
    };

    public int Count => Stored is string[] many ? many.Length : 1;

    public string this[int index] => Stored switch
    {
        string one when index == 0 => one,
        string => throw new ArgumentOutOfRangeException(nameof(index)),
        var many => ((string[])many)[index],
    };

    private object Stored => _values ?? throw new InvalidOperationException("An empty (default) row key has no values.");

    /// <summary>The key of a table keyed by one column. A null string is refused, as by the constructor.</summary>
    public static implicit operator RowKey(string value) => new(value);

    public bool Equals(RowKey other)
    {
        // Called for every event a projection applies (its rows are cached by key): plain loops, no LINQ.
        var (mine, theirs) = (Stored, other.Stored);
        if (_hash != other._hash) return false;
        if (mine is string one) return theirs is string otherOne && string.Equals(one, otherOne, StringComparison.Ordinal);
        if (theirs is not string[] otherMany) return false;
        var many = (string[])mine;
        if (many.Length != otherMany.Length) return false;
        for (var i = 0; i < many.Length; i++)
            if (!string.Equals(many[i], otherMany[i], StringComparison.Ordinal)) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is RowKey other && Equals(other);

    public override int GetHashCode()
    {
        _ = Stored; // a default key has no values, and says so
        return _hash;
    }

    private static int Hash(string[] values)
    {
        if (values.Length == 1) return StringComparer.Ordinal.GetHashCode(values[0]);
        var hash = new HashCode();
        foreach (var value in values) hash.Add(value, StringComparer.Ordinal);
        return hash.ToHashCode();
    }

    public static bool operator ==(RowKey left, RowKey right) => left.Equals(right);

    public static bool operator !=(RowKey left, RowKey right) => !left.Equals(right);

    /// <summary>For people (audit verify's report): the single value, or the values joined with " / ".</summary>
    public override string ToString() => string.Join(" / ", Values);
}
