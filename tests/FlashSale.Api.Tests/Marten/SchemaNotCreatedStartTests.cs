using FlashSale.Api.Configuration;
using FlashSale.Api.Tests.Configuration;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Marten;

/// <summary>The API process on a PostgreSQL event store whose tables nobody created (<c>EventStore:CreateSchema=false</c>):
/// it stops with one line naming them and the command that creates them, not an unhandled exception.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SchemaNotCreatedStartTests(PostgresServer server) : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-startup-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task without_its_tables_the_api_stops_with_one_line_naming_them_and_create_schema_and_exit_69()
    {
        var run = await ApiStartupRun.RunAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiProcess.FreePort()}",
            ["Storage__DataDirectory"] = _dataDirectory,
            ["Operators__ApiKey"] = "operator-key-0123456789",
            ["Payments__CallbackSecret"] = ApiCalls.CallbackSecret,
            ["EventStore__Provider"] = "PostgreSql",
            ["EventStore__ConnectionString"] = await server.DatabaseOfAsync(nameof(SchemaNotCreatedStartTests)),
            ["EventStore__Schema"] = $"es_{Guid.NewGuid():N}",
            ["EventStore__CreateSchema"] = "false",
        });

        run.ExitCode.ShouldBe(ApiStartupCheck.EventStoreUnavailableExitCode, run.ToString());
        run.ErrorLines.Where(l => l.StartsWith("flashsale-api:", StringComparison.Ordinal)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            l => l.ShouldStartWith("flashsale-api: event store: "),
            l => l.ShouldContain("has no mt_events, mt_streams tables"),
            l => l.ShouldContain("`flashsale event-store create-schema`"));
        run.ToString().ShouldSatisfyAllConditions(
            all => all.ShouldNotContain("Unhandled exception"),
            all => all.ShouldNotContain("CREATE TABLE"));
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }
}
