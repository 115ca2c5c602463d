using Microsoft.Data.Sqlite;

namespace FlashSale.ReadModels.Tests.Fixtures;

/// <summary>A throwaway directory for SQLite files, deleted at the end.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "flashsale-readmodels", Guid.NewGuid().ToString("N"));

    public TempDirectory() => Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pooled connection may still hold a handle; the temp directory is reclaimed later.
        }
    }
}
