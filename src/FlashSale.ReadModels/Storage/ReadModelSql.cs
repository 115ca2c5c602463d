using System.Globalization;
using FlashSale.Projections;

namespace FlashSale.ReadModels.Storage;

/// <summary>
/// The SQL both read stores share: SQLite and PostgreSQL agree on <c>INSERT .. ON CONFLICT .. DO UPDATE</c>,
/// named <c>@p</c> parameters and <c>ALTER TABLE .. RENAME</c>; only column types differ.
/// </summary>
public sealed class ReadModelSql(Func<ColumnType, string> typeName, string bigInteger)
{
    public const string Checkpoints = "projection_checkpoints";
    public const string PoisonEvents = "poison_events";

    /// <summary>What <see cref="PoisonEvents"/> was called before; initialising renames it.</summary>
    public const string LegacyPoisonEvents = "projection_dead_letters";

    public static string TableName(IProjection projection, ReadModelSlot slot) =>
        slot == ReadModelSlot.Live ? projection.Table.Name : projection.Table.Name + "__rebuild";

    public static string SlotName(ReadModelSlot slot) => slot == ReadModelSlot.Live ? "live" : "shadow";

    public static ReadModelSlot ParseSlot(string slot) => slot == "live" ? ReadModelSlot.Live : ReadModelSlot.Shadow;

    public string CheckpointsTable => $"""
        CREATE TABLE IF NOT EXISTS {Checkpoints} (
            projection TEXT NOT NULL, slot TEXT NOT NULL, commit_position {bigInteger} NULL, prepare_position {bigInteger} NULL,
            version {bigInteger} NOT NULL, events_applied {bigInteger} NOT NULL, state TEXT NOT NULL, error TEXT NULL,
            started_at TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (projection, slot))
        """;

    /// <summary>Checkpoint columns a release added after the table's first one, all nullable (a row written before has
    /// none): initialising adds the missing ones, so one path serves a new table and an old one. The event at the
    /// checkpoint (ADR 0020).</summary>
    public IReadOnlyList<(string Name, string Type)> AddedCheckpointColumns =>
        [("event_id", "TEXT"), ("event_stream", "TEXT"), ("event_revision", bigInteger)];

    /// <summary>Creates the table and, unless told otherwise, its indexes.</summary>
    public IEnumerable<string> CreateTable(ReadModelTable table, string name, bool withIndexes = true)
    {
        var columns = string.Join(", ", table.Columns.Select(c => $"{c.Name} {typeName(c.Type)}{(c.Nullable ? " NULL" : " NOT NULL")}"));
        yield return $"CREATE TABLE IF NOT EXISTS {name} ({columns}, PRIMARY KEY ({KeyColumns(table)}))";
        if (withIndexes)
            foreach (var statement in CreateIndexes(table, name)) yield return statement;
    }

    /// <summary>Index names carry a random suffix so a shadow's indexes never collide with the live ones it replaces.</summary>
    public static IEnumerable<string> CreateIndexes(ReadModelTable table, string name) => table.Indexes.Select(index =>
        $"CREATE INDEX IF NOT EXISTS ix_{table.Name}_{string.Join("_", index.Select(c => c.Name))}_{Guid.NewGuid().ToString("N")[..8]} " +
        $"ON {name} ({string.Join(", ", index.Select(c => c.Name))})");

    /// <param name="parameter">The placeholder of the i-th column (default <c>@p{i}</c>).</param>
    public static string Upsert(ReadModelTable table, string name, Func<int, string>? parameter = null)
    {
        parameter ??= i => "@p" + i.ToString(CultureInfo.InvariantCulture);
        var columns = string.Join(", ", table.Columns.Select(c => c.Name));
        var parameters = string.Join(", ", table.Columns.Select((_, i) => parameter(i)));
        return $"INSERT INTO {name} ({columns}) VALUES ({parameters}) ON CONFLICT ({KeyColumns(table)}) DO UPDATE SET {UpdateNonKeyColumns(table)}";
    }

    /// <summary>The <c>SET</c> list of an upsert: every column outside the key takes the new row's value.</summary>
    public static string UpdateNonKeyColumns(ReadModelTable table) =>
        string.Join(", ", table.Columns.Where(c => !table.Key.Contains(c)).Select(c => $"{c.Name} = excluded.{c.Name}"));

    public static string SelectColumns(ReadModelTable table) => string.Join(", ", table.Columns.Select(c => c.Name));

    /// <summary>The key's column names in key order, comma-separated (primary key, conflict target, ordering).</summary>
    public static string KeyColumns(ReadModelTable table) => string.Join(", ", table.Key.Select(c => c.Name));

    /// <summary>A condition matching one row by its key; <paramref name="parameter"/> names the placeholder of the i-th key value.</summary>
    public static string KeyEquals(ReadModelTable table, Func<int, string> parameter) =>
        string.Join(" AND ", table.Key.Select((c, i) => $"{c.Name} = {parameter(i)}"));

    /// <summary>A condition matching the rows of <paramref name="count"/> keys, bound as <c>@</c><see cref="KeyParameter"/>.
    /// A composite key is a row value compared with a <c>VALUES</c> list: SQLite accepts a row value on the left of IN
    /// only with a subquery on the right.</summary>
    /// <param name="parameter">The placeholder of the <c>v</c>-th value of the <c>k</c>-th key (default <c>@</c><see cref="KeyParameter"/>).</param>
    public static string KeyIn(ReadModelTable table, int count, Func<int, int, string>? parameter = null)
    {
        parameter ??= (k, v) => "@" + KeyParameter(k, v);
        var keys = Enumerable.Range(0, count).Select(k => table.Key.Count == 1
            ? parameter(k, 0)
            : "(" + string.Join(", ", table.Key.Select((_, v) => parameter(k, v))) + ")");
        return table.Key.Count == 1
            ? $"{table.Key[0].Name} IN ({string.Join(", ", keys)})"
            : $"({KeyColumns(table)}) IN (VALUES {string.Join(", ", keys)})";
    }

    /// <summary>The name of the parameter holding the <paramref name="value"/>-th value of the <paramref name="key"/>-th key.</summary>
    public static string KeyParameter(int key, int value) =>
        "k" + key.ToString(CultureInfo.InvariantCulture) + "_" + value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Whether a stored table has the declared columns and primary key; one that does not is an older release's.</summary>
    public static bool Matches(ReadModelTable table, TableShape stored) =>
        stored.Columns.Order(StringComparer.Ordinal).SequenceEqual(table.Columns.Select(c => c.Name).Order(StringComparer.Ordinal), StringComparer.Ordinal)
        && stored.Key.SequenceEqual(table.Key.Select(c => c.Name), StringComparer.Ordinal);

    /// <summary>Only column names from the table's own schema ever reach SQL text; values always go as parameters.</summary>
    public static string Query(ReadModelTable table, RowQuery query)
    {
        var where = Where(table, query.Filters);
        var order = string.Join(", ", query.OrderBy.Select(c => table.Columns[table.IndexOf(c)].Name).Concat(table.Key.Select(c => c.Name)));
        return $"SELECT {SelectColumns(table)} FROM {table.Name}{where} ORDER BY {order} LIMIT @limit OFFSET @offset";
    }

    public static string Count(ReadModelTable table, IReadOnlyList<(string Column, object Value)> filters) =>
        $"SELECT COUNT(*) FROM {table.Name}{Where(table, filters)}";

    private static string Where(ReadModelTable table, IReadOnlyList<(string Column, object Value)> filters) => filters.Count == 0
        ? ""
        : " WHERE " + string.Join(" AND ", filters.Select((f, i) => $"{table.Columns[table.IndexOf(f.Column)].Name} = @f{i}"));
}
