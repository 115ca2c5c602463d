using System.Net;
using System.Net.Sockets;
using FlashSale.Projections.Inventory;
using FlashSale.ReadModels.PostgreSql;
using FlashSale.ReadModels.Storage;
using FlashSale.ReadModels.Tests.Fixtures;
using FlashSale.Testing.PostgreSql;
using Npgsql;

namespace FlashSale.ReadModels.Tests.PostgreSql;

/// <summary>The production read store (PostgreSQL behind <see cref="ReadStoreOutageGuard"/>) tells an outage from a fault.</summary>
[Collection(PostgresCollection.Name)]
public sealed class ReadStoreOutageGuardTests(PostgresServer server)
{
    private static readonly InventoryProjection Inventory = new();

    [Fact]
    public async Task a_server_nobody_listens_on_is_an_outage_for_reads_writes_and_row_streams()
    {
        var nowhere = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = ClosedPort(), Username = "postgres", Timeout = 5 }.ToString();
        await using var store = new ReadStoreOutageGuard(new PostgreSqlReadModelStore(nowhere), PostgreSqlOutages.IsOutage);

        var read = await Should.ThrowAsync<ReadStoreUnavailableException>(() => store.ReadCheckpointsAsync());
        read.InnerException.ShouldBeAssignableTo<NpgsqlException>();
        await Should.ThrowAsync<ReadStoreUnavailableException>(() => store.SetStateAsync(Inventory.Name, ReadModelSlot.Live, ProjectionStates.Running, null));
        await Should.ThrowAsync<ReadStoreUnavailableException>(async () =>
        {
            await foreach (var _ in store.ReadAllRowsAsync(Inventory)) { }
        });
    }

    [Fact]
    public async Task a_statement_the_server_refuses_is_not_an_outage_and_passes_through()
    {
        // A fresh schema without tables: the server is up and answers "undefined table".
        await using var store = new ReadStoreOutageGuard(
            new PostgreSqlReadModelStore(await server.CreateSchemaAsync(nameof(ReadStoreOutageGuardTests))), PostgreSqlOutages.IsOutage);

        var refused = await Should.ThrowAsync<PostgresException>(() => store.ReadCheckpointsAsync());

        refused.SqlState.ShouldBe(PostgresErrorCodes.UndefinedTable);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
