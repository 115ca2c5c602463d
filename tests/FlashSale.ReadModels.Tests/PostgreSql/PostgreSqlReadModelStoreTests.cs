using FlashSale.ReadModels.PostgreSql;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Contract;
using FlashSale.ReadModels.Tests.Fixtures;
using FlashSale.Testing.PostgreSql;
using Npgsql;

namespace FlashSale.ReadModels.Tests.PostgreSql;

[Collection(PostgresCollection.Name)]
public sealed class PostgreSqlReadModelStoreTests(PostgresServer server) : ReadModelStoreContract
{
    protected override Task<string> NewDatabaseAsync() => server.CreateSchemaAsync(nameof(PostgreSqlReadModelStoreTests));

    // As production composes it (Hosting), so the contract holds through the outage guard too.
    protected override IReadModelStore Open(string database) =>
        new ReadStoreOutageGuard(new PostgreSqlReadModelStore(database), PostgreSqlOutages.IsOutage);

    protected override async Task ExecuteSqlAsync(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
