namespace FlashSale.Hosting;

public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    /// <summary><c>Sqlite</c> (embedded default, file under Storage:DataDirectory) or <c>EventStoreDb</c>.</summary>
    public string Provider { get; set; } = EventStoreProviders.Sqlite;

    /// <summary>For EventStoreDb: <c>esdb://host:2113?tls=false</c> (also <c>kurrentdb://</c>).</summary>
    public string? ConnectionString { get; set; }
}

public static class EventStoreProviders
{
    public const string Sqlite = "Sqlite";
    public const string EventStoreDb = "EventStoreDb";
}
