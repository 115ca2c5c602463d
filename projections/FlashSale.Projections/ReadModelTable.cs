namespace FlashSale.Projections;

/// <summary>
/// The schema of one read-model table as the stores see it: the first column is the primary key; <see cref="Indexes"/>
/// are the column sets queries filter on. Both read stores (SQLite, PostgreSQL) create, write, read and query their
/// tables from this one description; rows travel between them and the projections as values in column order.
/// </summary>
public abstract class ReadModelTable
{
    private protected ReadModelTable(string name, IReadOnlyList<Column> columns, IReadOnlyList<IReadOnlyList<Column>> indexes, Column? lastPosition)
    {
        for (var i = 0; i < columns.Count; i++)
        {
            if (columns[i].Ordinal != -1) throw new ArgumentException($"Column '{columns[i].Name}' already belongs to a table.", nameof(columns));
            columns[i].Ordinal = i;
        }
        if (indexes.SelectMany(c => c).Append(lastPosition).OfType<Column>().FirstOrDefault(c => !columns.Contains(c)) is { } stranger)
            throw new ArgumentException($"Column '{stranger.Name}' is not a column of table '{name}'.", nameof(indexes));
        (Name, Columns, Indexes, LastPosition) = (name, columns, indexes, lastPosition);
    }

    public string Name { get; }

    public IReadOnlyList<Column> Columns { get; }

    public IReadOnlyList<IReadOnlyList<Column>> Indexes { get; }

    /// <summary>The column holding the log position of the last event applied to a row (audit verify skips rows newer
    /// than the checkpoint it replayed to); null when the table has none.</summary>
    public Column? LastPosition { get; }

    public Column Key => Columns[0];

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
        IReadOnlyList<IReadOnlyList<Column<TRow>>>? indexes = null, Column<TRow>? lastPosition = null)
        : base(name, columns, indexes ?? [], lastPosition)
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
