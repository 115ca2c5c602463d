using FlashSale.ReadModels.PostgreSql;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Contract;
using FlashSale.ReadModels.Tests.Fixtures;

namespace FlashSale.ReadModels.Tests.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlReadModelStoreTests(PostgresServer server) : ReadModelStoreContract
{
    protected override Task<string> NewDatabaseAsync() => server.CreateSchemaAsync(nameof(PostgreSqlReadModelStoreTests));

    protected override IReadModelStore Open(string database) => new PostgreSqlReadModelStore(database);
}
