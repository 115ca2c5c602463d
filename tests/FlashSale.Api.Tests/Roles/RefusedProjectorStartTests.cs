using FlashSale.Api.Configuration;
using FlashSale.Api.Tests.Configuration;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Marten;
using FlashSale.Api.Tests.Process;
using FlashSale.Hosting.Roles;
using FlashSale.Testing.PostgreSql;
using Npgsql;

namespace FlashSale.Api.Tests.Roles;

/// <summary>
/// The start-up check takes the projector lock (embedded read store, no lease, ADR 0015) before it opens the event store:
/// a process refused for the lock opens nothing, so it creates or migrates no log tables under the holder; and a process
/// that got the lock but cannot open its event store gives the lock back before it stops.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class RefusedProjectorStartTests(PostgresServer server) : IDisposable
{
    private static readonly Dictionary<string, string> NoLease = new() { ["Projector__LeaseSeconds"] = "0" };
    private readonly RoleProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Fact]
    public async Task a_projector_refused_for_the_lock_does_not_open_its_event_store()
    {
        await _processes.StartAsync("api,projector,payments", NoLease);
        var schema = $"es_{Guid.NewGuid():N}";
        var database = await server.DatabaseOfAsync(nameof(RefusedProjectorStartTests));

        var refused = await ApiStartupRun.RunAsync(Environment(new Dictionary<string, string>(NoLease)
        {
            ["EventStore__Provider"] = "PostgreSql",
            ["EventStore__ConnectionString"] = database,
            ["EventStore__Schema"] = schema,
            ["EventStore__CreateSchema"] = "true",
        }));

        refused.ExitCode.ShouldBe(ProjectorLock.ExitCode, refused.ToString());
        refused.ErrorLines.ShouldHaveSingleItem(refused.ToString()).ShouldContain("holds projector.lock");
        (await TablesInAsync(database, schema)).ShouldBe(0, "a refused start runs no DDL on the event store");
    }

    [Fact]
    public async Task a_projector_whose_event_store_cannot_be_opened_leaves_the_lock_free_and_unnamed()
    {
        var unreachable = $"Host=127.0.0.1;Port={ApiProcess.FreePort()};Database=flashsale;Username=flashsale;Timeout=3";

        var run = await ApiStartupRun.RunAsync(Environment(new Dictionary<string, string>(NoLease)
        {
            ["EventStore__Provider"] = "PostgreSql",
            ["EventStore__ConnectionString"] = unreachable,
        }));

        run.ExitCode.ShouldBe(ApiStartupCheck.EventStoreUnavailableExitCode, run.ToString());
        File.Exists(Path.Combine(_processes.Data.Path, "projector.lock.owner")).ShouldBeFalse("it never projected");
        var next = await _processes.StartAsync("api,projector,payments", NoLease);
        next.Output.ShouldNotContain("taken over");
    }

    private static async Task<long> TablesInAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema = $1", connection);
        count.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiProcess.FreePort()}",
            ["Storage__DataDirectory"] = _processes.Data.Path,
            ["Operators__ApiKey"] = ApiProcess.OperatorKey,
            ["Payments__CallbackSecret"] = ApiCalls.CallbackSecret,
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return environment;
    }
}
