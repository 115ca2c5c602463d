using Microsoft.Data.Sqlite;

namespace FlashSale.Application.Tests.Fixtures;

/// <summary>A throw-away directory holding one <c>events.db</c>.</summary>
internal sealed class TempDatabase : IDisposable
{
    private readonly string _directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flashsale-app-{Guid.NewGuid():N}");

    public string Path => System.IO.Path.Combine(_directory, "events.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pooled connection may still hold a handle; the temp directory is reclaimed later.
        }
    }
}
