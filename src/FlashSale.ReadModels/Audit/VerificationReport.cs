using FlashSale.EventStore;

namespace FlashSale.ReadModels.Audit;

/// <param name="UnreadEvents">Events the replay could not use, in log order: of a type this version does not know
/// (written by a newer one) or whose data it cannot read. Listed, not counted as differences: the runner skips them too.</param>
public sealed record VerificationReport(IReadOnlyList<ProjectionVerification> Projections, IReadOnlyList<UnreadEvent> UnreadEvents)
{
    public bool IsClean => Projections.All(p => p.Differences.Count == 0);
}

/// <param name="Kind"><see cref="Unknown"/> or <see cref="Unreadable"/> (then <paramref name="Error"/> says why).</param>
public sealed record UnreadEvent(string Kind, string StreamId, long Revision, LogPosition Position, string Type, string? Error)
{
    public const string Unknown = "unknown";
    public const string Unreadable = "unreadable";
}

/// <param name="RowsSkipped">Rows the live runner changed after the checkpoint this verification replayed to; they are
/// compared on the next run.</param>
public sealed record ProjectionVerification(string Projection, LogPosition? Checkpoint, long RowsCompared, long RowsSkipped,
    IReadOnlyList<RowDifference> Differences);

/// <param name="Key">The row's id: its key's first value (the item of an inventory row, the order of an order-status or
/// dead-letter row).</param>
/// <param name="Kind"><c>missing</c> (the log says the row exists, the model lacks it), <c>unexpected</c> (the model
/// has a row the log does not explain) or <c>different</c>.</param>
/// <param name="KeyColumns">The whole key by column, in key order: it tells apart the rows of one order id on two items.</param>
public sealed record RowDifference(string Table, string Key, string Kind, IReadOnlyList<ColumnDifference> Columns,
    IReadOnlyDictionary<string, string> KeyColumns);

public sealed record ColumnDifference(string Column, object? Expected, object? Actual);
