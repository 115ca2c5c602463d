using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Contract;

namespace FlashSale.ReadModels.Tests.Sqlite;

public sealed class SqliteReadModelStoreTests : ReadModelStoreContract
{
    protected override Task<string> NewDatabaseAsync() => Task.FromResult(Files.File($"read-models-{Guid.NewGuid():N}.db"));

    protected override IReadModelStore Open(string database) => SqliteReadModelStore.Open(database);
}
