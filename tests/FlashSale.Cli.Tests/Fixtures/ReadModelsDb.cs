using Microsoft.Data.Sqlite;

namespace FlashSale.Cli.Tests.Fixtures;

/// <summary>Hand-made corruption of readmodels.db, the way a bad migration or a stray script would do it.</summary>
public static class ReadModelsDb
{
    public static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        (await command.ExecuteNonQueryAsync()).ShouldBe(1, sql);
    }
}
