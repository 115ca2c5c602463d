namespace FlashSale.Hosting;

public sealed class ReadStoreOptions
{
    public const string Section = "ReadStore";

    /// <summary><c>Sqlite</c> (embedded default: readmodels.db under Storage:DataDirectory) or <c>PostgreSql</c>.</summary>
    public string Provider { get; set; } = ReadStoreProviders.Sqlite;

    /// <summary>For PostgreSql: an Npgsql connection string (<c>Host=..;Username=..;Password=..;Database=..</c>).</summary>
    public string? ConnectionString { get; set; }
}

public static class ReadStoreProviders
{
    public const string Sqlite = "Sqlite";
    public const string PostgreSql = "PostgreSql";
}
