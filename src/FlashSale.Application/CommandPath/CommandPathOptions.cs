namespace FlashSale.Application.CommandPath;

public sealed class CommandPathOptions
{
    public const string Section = "CommandPath";

    /// <summary>Most commands decided and appended together.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>Off: every append holds the events of one command only (a batch of one), the one-append-per-order
    /// path the HTTP benchmark compares group commit with. Never turn it off in production.</summary>
    public bool GroupCommit { get; set; } = true;

    /// <summary>Most bytes (event data and metadata) in one append: a batch that serializes to more is appended in several,
    /// cut between commands. Below EventStoreDB's default maximum append size of 1 MiB, which also counts its own framing.</summary>
    public int MaxBatchBytes { get; set; } = 768 * 1024;

    /// <summary>Most commands waiting for one item's writer; one more is answered 503 <c>overloaded</c> at once.</summary>
    public int MaxQueueLength { get; set; } = 10_000;

    /// <summary>How often a batch is decided again after another process moved the stream, before callers get 503.</summary>
    public int MaxConflictRetries { get; set; } = 20;

    /// <summary>Events between two snapshots of an item's state (where the event store has a snapshot store: SQLite). A
    /// snapshot writes only what changed since the one before; 0 turns snapshots off.</summary>
    public int SnapshotEvery { get; set; } = 1_000;
}
