using Microsoft.Data.Sqlite;

namespace FlashSale.Recovery.Tests.Fixtures;

/// <summary>A throw-away directory (not created until something writes into it), deleted at the end.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flashsale-recovery-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string EventsDb => File("events.db");

    public TempDirectory Create()
    {
        Directory.CreateDirectory(Path);
        return this;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A pooled connection may still hold a handle; the temp directory is reclaimed later.
        }
    }
}
