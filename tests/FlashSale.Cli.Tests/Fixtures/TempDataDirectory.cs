using Microsoft.Data.Sqlite;

namespace FlashSale.Cli.Tests.Fixtures;

/// <summary>A throw-away Storage:DataDirectory (events.db, readmodels.db).</summary>
public sealed class TempDataDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flashsale-cli-{Guid.NewGuid():N}");

    public string EventsDb => System.IO.Path.Combine(Path, "events.db");

    public string ReadModelsDb => System.IO.Path.Combine(Path, "readmodels.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection of another test may still hold a handle; the temp directory is reclaimed later.
        }
    }
}
