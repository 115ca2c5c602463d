using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Contract;

namespace FlashSale.ReadModels.Tests.Sqlite;

public sealed class SqliteReadModelStoreTests : ReadModelStoreContract
{
    protected override Task<IReadModelStore> CreateStoreAsync() =>
        Task.FromResult<IReadModelStore>(SqliteReadModelStore.Open(Files.File($"read-models-{Guid.NewGuid():N}.db")));
}
