using FlashSale.Api.Tests.Configuration;
using FlashSale.Api.Tests.Process;

namespace FlashSale.Api.Tests.Roles;

/// <summary>A bad <c>Roles</c> value stops the start like any bad configuration: one line, exit 78, no store file.</summary>
public sealed class RolesConfigurationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-startup-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    private Dictionary<string, string> Valid() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiProcess.FreePort()}",
        ["Storage__DataDirectory"] = _dataDirectory,
        ["Operators__ApiKey"] = "operator-key-0123456789",
        ["Payments__CallbackSecret"] = "0123456789abcdef0123456789abcdef-secret",
    };

    [Fact]
    public async Task an_unknown_role_in_the_environment_stops_the_start_with_one_line_and_exit_78()
    {
        var environment = Valid();
        environment["Roles"] = "api,gateway";

        var run = await ApiStartupRun.RunAsync(environment);

        run.ExitCode.ShouldBe(78, run.ToString());
        run.ErrorLines.ShouldHaveSingleItem().ShouldContain("Roles 'api,gateway' is not valid: a comma-separated list of api, projector, payments");
        Directory.Exists(_dataDirectory).ShouldBeFalse("no store file is created before the check");
    }

    [Fact]
    public async Task an_unknown_role_on_the_command_line_stops_the_start_the_same_way()
    {
        var run = await ApiStartupRun.RunAsync(Valid(), "--roles", "projector,1");

        run.ExitCode.ShouldBe(78, run.ToString());
        run.ErrorLines.ShouldHaveSingleItem().ShouldContain("Roles 'projector,1' is not valid");
    }

    [Fact]
    public async Task no_projector_lease_with_a_postgresql_read_store_is_refused()
    {
        var environment = Valid();
        environment["Projector__LeaseSeconds"] = "0";
        environment["ReadStore__Provider"] = "PostgreSql";
        environment["ReadStore__ConnectionString"] = "Host=127.0.0.1;Username=x;Password=y;Database=z";

        var run = await ApiStartupRun.RunAsync(environment);

        run.ExitCode.ShouldBe(78, run.ToString());
        run.ErrorLines.ShouldHaveSingleItem().ShouldContain("Projector:LeaseSeconds is 0 (no lease), which only an embedded (SQLite) read store allows");
    }
}
