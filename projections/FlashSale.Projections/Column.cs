namespace FlashSale.Projections;

public enum ColumnType
{
    Text,
    Integer,

    /// <summary>Stored as ISO-8601 text in UTC with full precision, so a replay compares equal to the byte.</summary>
    Timestamp,
}

/// <summary>
/// A column as the stores see it: name, type, nullability and its place in the table (and in a row's values, which
/// are <see cref="string"/>, <see cref="long"/> or null). Declared once per table with the row field it holds, through
/// <see cref="Text{TRow}"/>, <see cref="Integer{TRow}"/> and the others.
/// </summary>
public abstract class Column
{
    private protected Column(string name, ColumnType type, bool nullable) => (Name, Type, Nullable) = (name, type, nullable);

    public string Name { get; }

    public ColumnType Type { get; }

    public bool Nullable { get; }

    /// <summary>Index in its table's <see cref="ReadModelTable.Columns"/>; set once, when the table is declared.</summary>
    public int Ordinal { get; internal set; } = -1;

    public static Column<TRow, string> Text<TRow>(string name, Func<TRow, string> field) where TRow : class =>
        new(name, ColumnType.Text, false, field, v => v, Values.ToText);

    public static Column<TRow, string?> NullableText<TRow>(string name, Func<TRow, string?> field) where TRow : class =>
        new(name, ColumnType.Text, true, field, v => v, Values.ToNullableText);

    public static Column<TRow, int> Integer<TRow>(string name, Func<TRow, int> field) where TRow : class =>
        new(name, ColumnType.Integer, false, field, Boxed, Values.ToInt);

    // Quantities, retries, counts: mostly small, and a row's values are boxed for the stores on every write.
    private static readonly object[] SmallIntegers = [.. Enumerable.Range(0, 256).Select(i => (object)(long)i)];

    private static object Boxed(int value) => (uint)value < SmallIntegers.Length ? SmallIntegers[value] : (long)value;

    public static Column<TRow, DateTimeOffset> Timestamp<TRow>(string name, Func<TRow, DateTimeOffset> field) where TRow : class =>
        new(name, ColumnType.Timestamp, false, field, v => Values.Timestamp(v), v => Values.ToTimestamp(v)!.Value);

    public static Column<TRow, DateTimeOffset?> NullableTimestamp<TRow>(string name, Func<TRow, DateTimeOffset?> field) where TRow : class =>
        new(name, ColumnType.Timestamp, true, field, Values.Timestamp, Values.ToTimestamp);
}

/// <summary>A column of the table of <typeparamref name="TRow"/>: how a row gives its stored value.</summary>
public abstract class Column<TRow> : Column where TRow : class
{
    private protected Column(string name, ColumnType type, bool nullable) : base(name, type, nullable) { }

    internal abstract object? ValueOf(TRow row);
}

/// <summary>A column holding a <typeparamref name="TValue"/> field of <typeparamref name="TRow"/>.</summary>
public sealed class Column<TRow, TValue> : Column<TRow> where TRow : class
{
    private readonly Func<TRow, TValue> _field;
    private readonly Func<TValue, object?> _toStored;
    private readonly Func<object?, TValue> _fromStored;

    internal Column(string name, ColumnType type, bool nullable, Func<TRow, TValue> field, Func<TValue, object?> toStored,
        Func<object?, TValue> fromStored) : base(name, type, nullable) => (_field, _toStored, _fromStored) = (field, toStored, fromStored);

    /// <summary>This column's field from a row's stored values (in table order).</summary>
    public TValue Read(IReadOnlyList<object?> values) => _fromStored(values[Ordinal]);

    /// <summary>A query filter: this column equals <paramref name="value"/>, stored the way the column stores it.</summary>
    public (string Column, object Value) Is(TValue value) =>
        (Name, _toStored(value) ?? throw new ArgumentNullException(nameof(value), $"Column '{Name}' cannot be filtered on null."));

    internal override object? ValueOf(TRow row)
    {
        var value = _field(row);
        if (Type != ColumnType.Timestamp) return _toStored(value);
        // The rows of one batch mostly carry the batch's one decision time: formatted once, not once per row and column.
        if (_lastTimestamp is { } last && EqualityComparer<TValue>.Default.Equals(last.Value, value)) return last.Stored;
        var stored = _toStored(value);
        _lastTimestamp = new LastStored(value, stored);
        return stored;
    }

    // Replaced whole, so writers of the table on other threads read a value and its own stored form.
    private LastStored? _lastTimestamp;

    private sealed record LastStored(TValue Value, object? Stored);
}
