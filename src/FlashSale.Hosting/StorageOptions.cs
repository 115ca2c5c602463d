namespace FlashSale.Hosting;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Where the embedded stores keep their files (events.db, readmodels.db). Relative paths start at the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    public string EventsDatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "events.db");

    public string ReadModelsDatabasePath => Path.Combine(Path.GetFullPath(DataDirectory), "readmodels.db");
}
