namespace FlashSale.ReadModels;

public sealed class ReadModelOptions
{
    public const string Section = "ReadModels";

    /// <summary>Run the projection runners in this process (the API does by default; a CLI never does).</summary>
    public bool RunProjections { get; set; } = true;

    public int BatchSize { get; set; } = 5000;

    public int RebuildBatchSize { get; set; } = 5000;

    /// <summary>How long a query with <c>minPosition</c> waits for the read model to reach it before answering that
    /// the read model is behind.</summary>
    public int MinPositionWaitMs { get; set; } = 5000;
}
