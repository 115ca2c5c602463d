namespace FlashSale.EventStore.Marten;

/// <summary>Where the PostgreSQL event store lives and how it starts.</summary>
/// <param name="ConnectionString">An Npgsql connection string (<c>Host=...;Database=...;Username=...</c>).</param>
/// <param name="Schema">The PostgreSQL schema of Marten's event tables (<c>mt_events</c>, <c>mt_streams</c>).</param>
/// <param name="CreateSchema">Whether Marten creates or migrates its tables at start; when false the start only checks
/// that they match (for databases where the application may not run DDL).</param>
/// <param name="PollInterval">How often a live subscription looks for events appended by other processes.</param>
public sealed record MartenEventStoreSettings(
    string ConnectionString,
    string Schema = MartenEventStoreSettings.DefaultSchema,
    bool CreateSchema = true,
    TimeSpan? PollInterval = null)
{
    public const string DefaultSchema = "flashsale_events";

    public TimeSpan LivePollInterval => PollInterval ?? TimeSpan.FromMilliseconds(50);
}
