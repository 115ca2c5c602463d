namespace FlashSale.Application.CommandPath;

public sealed class CommandPathOptions
{
    public const string Section = "CommandPath";

    /// <summary>Most commands decided and appended together; bounds one append's size (EventStoreDB's limit is 1 MiB).</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>How often a batch is decided again after another process moved the stream, before callers get 503.</summary>
    public int MaxConflictRetries { get; set; } = 20;
}
