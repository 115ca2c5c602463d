namespace FlashSale.Hosting;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    public const string DataDirectoryKey = "Storage:DataDirectory";

    /// <summary>Where the embedded stores keep their files (events.db, readmodels.db). A relative path starts at the
    /// working directory of the process, the same rule in the API and the CLI (never at the program's directory).</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The data directory as an absolute path, resolved against the working directory.</summary>
    public string FullDataDirectory => Path.GetFullPath(DataDirectory, Environment.CurrentDirectory);

    public string EventsDatabasePath => Path.Combine(FullDataDirectory, "events.db");

    public string ReadModelsDatabasePath => Path.Combine(FullDataDirectory, "readmodels.db");

    /// <summary>Item-state snapshots of the embedded store (ADR 0018): losing the file costs one replay per item.</summary>
    public string SnapshotsDatabasePath => Path.Combine(FullDataDirectory, "snapshots.db");

    /// <summary>One line for a start-up log: the absolute directory and where it came from.</summary>
    public string Describe() => Path.IsPathRooted(DataDirectory)
        ? $"{FullDataDirectory} ({DataDirectoryKey})"
        : $"{FullDataDirectory} ({DataDirectoryKey} '{DataDirectory}', relative to the working directory {Environment.CurrentDirectory})";
}
