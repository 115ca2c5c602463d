using FlashSale.ReadModels.PostgreSql;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Contract;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlReadModelStoreTests(PostgresServer server) : ReadModelStoreContract
{
    protected override async Task<IReadModelStore> CreateStoreAsync() =>
        new PostgreSqlReadModelStore(await server.CreateSchemaAsync(nameof(PostgreSqlReadModelStoreTests)));
}
