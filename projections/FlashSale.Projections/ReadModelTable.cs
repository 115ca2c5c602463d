namespace FlashSale.Projections;

public enum ColumnType
{
    Text,
    Integer,

    /// <summary>Stored as ISO-8601 text in UTC with full precision, so a replay compares equal to the byte.</summary>
    Timestamp,
}

public sealed record Column(string Name, ColumnType Type, bool Nullable = false);

/// <summary>
/// The schema of one read-model table: the first column is the primary key; <see cref="Indexes"/> name the columns
/// queries filter on. Both read stores (SQLite, PostgreSQL) create their tables from this one description.
/// </summary>
public sealed record ReadModelTable(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<string[]> Indexes)
{
    public Column Key => Columns[0];

    public int IndexOf(string column)
    {
        for (var i = 0; i < Columns.Count; i++)
            if (Columns[i].Name == column) return i;
        throw new ArgumentException($"Table '{Name}' has no column '{column}'.", nameof(column));
    }
}
