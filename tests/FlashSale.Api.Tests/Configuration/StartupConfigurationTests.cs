using System.Net;
using System.Net.Sockets;

namespace FlashSale.Api.Tests.Configuration;

/// <summary>The API process refuses a bad configuration before it opens anything: one line, exit 78, no files.</summary>
public sealed class StartupConfigurationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-startup-tests", Guid.NewGuid().ToString("N"));

    private Dictionary<string, string> Valid(int port) => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Storage__DataDirectory"] = _dataDirectory,
        ["Operators__ApiKey"] = "operator-key-0123456789",
        ["Payments__CallbackSecret"] = "0123456789abcdef0123456789abcdef-secret",
    };

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "EventStore__Provider", "Oracle", "EventStore:Provider 'Oracle' is not supported" },
        { "Payments__TimeoutRate", "2", "Payments:TimeoutRate must be between 0 and 1. (configured: '2')" },
        { "RateLimiting__OrdersPerUser__PermitLimit", "0", "RateLimiting:OrdersPerUser:PermitLimit must be 1 or more. (configured: '0')" },
        { "RateLimiting__OrdersPerUser__Window", "00:00:00", "RateLimiting:OrdersPerUser:Window must be above 0" },
        { "CommandPath__CircuitBreaker__FailuresToOpen", "0", "CommandPath:CircuitBreaker:FailuresToOpen must be between 1 and 1000." },
        { "Operators__ApiKey", "", "Operators:ApiKey is not set: it is required outside Development" },
        { "Buyers__Authentication", "Magic", "Buyers:Authentication" },
        { "Cors__AllowedOrigins__0", "shop.example.com", "Cors:AllowedOrigins:0 'shop.example.com' is not an http(s) origin" },
        { "Cors__AllowedOrigins__0", "https://shop.example.com/", "did you mean 'https://shop.example.com'?" },
        { "Docs__Enabled", "maybe", "'Docs:Enabled'" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task a_bad_value_stops_the_start_with_one_line_and_exit_78_before_any_store_file(string key, string value, string expected)
    {
        var environment = Valid(FreePort());
        environment[key] = value;

        var run = await ApiStartupRun.RunAsync(environment);

        run.ExitCode.ShouldBe(78, run.ToString());
        run.ErrorLines.ShouldHaveSingleItem().ShouldContain(expected, Case.Sensitive, run.ToString());
        run.Error.ShouldNotContain("   at ");
        Directory.Exists(_dataDirectory).ShouldBeFalse("no store file is created before the check");
    }

    [Fact]
    public async Task a_port_in_use_stops_the_start_naming_the_address()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var run = await ApiStartupRun.RunAsync(Valid(port));

        run.ExitCode.ShouldBe(78, run.ToString());
        run.ErrorLines.ShouldHaveSingleItem().ShouldContain($"urls 'http://127.0.0.1:{port}': port {port} is in use");
    }

    [Fact]
    public async Task dry_run_checks_a_valid_configuration_and_exits_0_without_starting()
    {
        var run = await ApiStartupRun.RunAsync(Valid(FreePort()), "--dry-run");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Out.ShouldContain("configuration is valid");
        Directory.Exists(_dataDirectory).ShouldBeFalse();
    }

    [Fact]
    public async Task dry_run_lists_every_problem_and_exits_78()
    {
        var environment = Valid(FreePort());
        environment["Payments__TimeoutRate"] = "2";
        environment["Sales__DefaultPaymentWindowSeconds"] = "0";

        var run = await ApiStartupRun.RunAsync(environment, "--dry-run");

        run.ExitCode.ShouldBe(78, run.ToString());
        run.ErrorLines.Count.ShouldBe(2, run.ToString());
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }
}
