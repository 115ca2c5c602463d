namespace FlashSale.EventStore.Sqlite;

public sealed record SqliteEventStoreOptions
{
    /// <summary>How often a live subscription looks for events appended by other processes.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>On: appends (to any streams) that arrive while a commit is under way go into the next transaction together,
    /// each with its own expected-revision check and answer, and share its one durable commit (ADR 0034). Off: every append
    /// is its own transaction and its own durable commit, the one-append-per-order baseline of <c>CommandPath:GroupCommit=false</c>.</summary>
    public bool CommitAppendsTogether { get; init; } = true;

    /// <summary>Most appends in one transaction.</summary>
    public int MaxAppendsPerCommit { get; init; } = 512;

    /// <summary>Most events in one transaction; an append with more still goes, alone.</summary>
    public int MaxEventsPerCommit { get; init; } = 8192;

    /// <summary>Most event bytes (data and metadata) in one transaction; an append with more still goes, alone.</summary>
    public long MaxBytesPerCommit { get; init; } = 16 * 1024 * 1024;

    /// <summary>The WAL pages the writer puts in after which a checkpoint copies them into the database file, on its own
    /// thread and connection (ADR 0039); null: SQLite's automatic checkpoint on the committing connection, after its commit,
    /// at its default of 1,000 pages.</summary>
    public int? CheckpointAfterPages { get; init; } = 1000;
}
