using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Contract;
using Microsoft.Data.Sqlite;

namespace FlashSale.ReadModels.Tests.Sqlite;

public sealed class SqliteReadModelStoreTests : ReadModelStoreContract
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(Files.File($"read-models-{Guid.NewGuid():N}.db"));

    protected override IReadModelStore Open(string database) => SqliteReadModelStore.Open(database);

    protected override async Task ExecuteSqlAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new SqliteCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
