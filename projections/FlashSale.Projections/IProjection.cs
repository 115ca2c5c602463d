namespace FlashSale.Projections;

/// <summary>
/// A read model built from the log: one table, one row per key, and a pure <c>Apply(row, event) -> row</c>. The runner
/// owns loading, batching, writing and checkpoints; a projection only says which row an event touches and how.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name used in checkpoints, status, the API and the CLI.</summary>
    string Name { get; }

    ReadModelTable Table { get; }

    /// <summary>The key of the row <paramref name="event"/> touches, or null when this projection ignores it.</summary>
    RowKey? KeyOf(ProjectedEvent @event);

    /// <summary>The row after <paramref name="event"/>; <paramref name="row"/> is null when no row exists yet.
    /// Returns null when there is (still) no row.</summary>
    object? Apply(object? row, ProjectedEvent @event);

    /// <summary>Column values in <see cref="Table"/> order: <see cref="string"/>, <see cref="long"/> or null.</summary>
    object?[] ToValues(object row);

    object FromValues(IReadOnlyList<object?> values);

    /// <summary>Whether the runner keeps the rows it wrote in memory for the next events of the same key. False for a
    /// projection whose rows later events rarely touch again: those are loaded when they are.</summary>
    bool CachesRows { get; }
}

/// <summary>Typed base: projections are written against their own row record, whose table declares how rows are stored.</summary>
public abstract class Projection<TRow> : IProjection where TRow : class
{
    public abstract string Name { get; }

    public abstract ReadModelTable<TRow> Table { get; }

    public abstract RowKey? KeyOf(ProjectedEvent @event);

    public abstract TRow? Apply(TRow? row, ProjectedEvent @event);

    public object?[] ToValues(TRow row) => Table.ToValues(row);

    public TRow FromValues(IReadOnlyList<object?> values) => Table.FromValues(values);

    /// <inheritdoc cref="IProjection.CachesRows"/>
    public virtual bool CachesRows => true;

    ReadModelTable IProjection.Table => Table;

    object? IProjection.Apply(object? row, ProjectedEvent @event) => Apply((TRow?)row, @event);

    object?[] IProjection.ToValues(object row) => ToValues((TRow)row);

    object IProjection.FromValues(IReadOnlyList<object?> values) => FromValues(values);
}
