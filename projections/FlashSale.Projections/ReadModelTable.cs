namespace FlashSale.Projections;

/// <summary>
/// The schema of one read-model table as the stores see it: <see cref="Key"/> is the primary key (the first column unless
/// the table names others); <see cref="Indexes"/> are the column sets queries filter on. Both read stores (SQLite,
/// PostgreSQL) create, write, read and query their tables from this one description; rows travel between them and the
/// projections as values in column order.
/// </summary>
public abstract class ReadModelTable
{
    private protected ReadModelTable(string name, IReadOnlyList<Column> columns, IReadOnlyList<Column>? key,
        IReadOnlyList<IReadOnlyList<Column>> indexes, Column? lastPosition)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Ordinal != -1) throw new ArgumentException($"Column '{columns[i].Name}' already belongs to a table.", nameof(columns));
            columns[i].Ordinal = i;
        }
        key ??= [columns[0]];
        if (indexes.SelectMany(c => c).Concat(key).Append(lastPosition).OfType<Column>().FirstOrDefault(c => !columns.Contains(c)) is { } stranger)
            throw new ArgumentException($"Column '{stranger.Name}' is not a column of table '{name}'.", nameof(indexes));
        if (key.Count == 0 || key.Distinct().Count() != key.Count || key.Any(c => c.Type != ColumnType.Text || c.Nullable))
            throw new ArgumentException($"The key of table '{name}' must be distinct non-null text columns.", nameof(key));
        (Name, Columns, Key, Indexes, LastPosition) = (name, columns, key, indexes, lastPosition);
    }

    public string Name { get; }

    public IReadOnlyList<Column> Columns { get; }

    public IReadOnlyList<IReadOnlyList<Column>> Indexes { get; }

    /// <summary>The column holding the log position of the last event applied to a row (audit verify skips rows newer
    /// than the checkpoint it replayed to); null when the table has none.</summary>
    public Column? LastPosition { get; }

    /// <summary>The primary key's columns, in key order: a <see cref="RowKey"/> holds their values in this order.</summary>
    public IReadOnlyList<Column> Key { get; }

    /// <summary>The key of a row given as its values in column order.</summary>
    public RowKey KeyOf(IReadOnlyList<object?> values)
    {
        if (Key.Count == 1) return new RowKey((string)values[Key[0].Ordinal]!);
        var key = new string[Key.Count];
        for (var i = 0; i < key.Length; i++) key[i] = (string)values[Key[i].Ordinal]!;
        return new RowKey(key);
    }

    /// <summary>Refuses a key with the wrong number of values (a single order id for a table keyed by item and order).</summary>
    public RowKey Checked(RowKey key) => key.Count == Key.Count
        ? key
        : throw new ArgumentException(
            $"Table '{Name}' is keyed by ({string.Join(", ", Key.Select(c => c.Name))}); the key '{key}' has {key.Count} value(s).", nameof(key));

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column) return i;
        throw new ArgumentException($"Table '{Name}' has no column '{column}'.", nameof(column));
    }
}

/// <summary>A table of <typeparamref name="TRow"/> rows: its columns, each declared once with the field it holds, and
/// the row factory that reads them back (<c>values => new Row(Id.Read(values), ...)</c>).</summary>
public sealed class ReadModelTable<TRow> : ReadModelTable where TRow : class
{
    private readonly Column<TRow>[] _columns;
    private readonly Func<IReadOnlyList<object?>, TRow> _read;

    public ReadModelTable(string name, IReadOnlyList<Column<TRow>> columns, Func<IReadOnlyList<object?>, TRow> read,
        IReadOnlyList<IReadOnlyList<Column<TRow>>>? indexes = null, Column<TRow>? lastPosition = null, IReadOnlyList<Column<TRow>>? key = null)
        : base(name, columns, key, indexes ?? [], lastPosition)
    {
        _columns = [.. columns];
        _read = read;
    }

    public object?[] ToValues(TRow row)
    {
        var values = new object?[_columns.Length];
        for (var i = 0; i < values.Length; i++) values[i] = _columns[i].ValueOf(row);
        return values;
    }

    public TRow FromValues(IReadOnlyList<object?> values) => values.Count == _columns.Length
        ? _read(values)
        : throw new ArgumentException($"Table '{Name}' has {_columns.Length} columns, not {values.Count}.", nameof(values));
}
