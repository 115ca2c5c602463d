using FlashSale.Api.Tests.Configuration;
using FlashSale.Api.Tests.Process;

namespace FlashSale.Api.Tests.Shutdown;

/// <summary><c>Shutdown:*</c> is checked at start like every other option: one line, exit 78.</summary>
public sealed class ShutdownConfigurationTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-startup-tests", Guid.NewGuid().ToString("N"));

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "Shutdown__TimeoutSeconds", "0", "Shutdown:TimeoutSeconds must be above 0 and at most 3600. (configured: '0')" },
        { "Shutdown__TimeoutSeconds", "-5", "Shutdown:TimeoutSeconds must be above 0 and at most 3600. (configured: '-5')" },
        { "Shutdown__TimeoutSeconds", "soon", "Shutdown:TimeoutSeconds" },
        { "Shutdown__DrainSeconds", "-1", "Shutdown:DrainSeconds must be 0 or more and below Shutdown:TimeoutSeconds" },
        { "Shutdown__DrainSeconds", "30", "Shutdown:DrainSeconds must be 0 or more and below Shutdown:TimeoutSeconds" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task a_bad_shutdown_value_stops_the_start_with_one_line_and_exit_78(string key, string value, string expected)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiProcess.FreePort()}",
            ["Storage__DataDirectory"] = _dataDirectory,
            ["Operators__ApiKey"] = "operator-key-0123456789",
            ["Payments__CallbackSecret"] = "0123456789abcdef0123456789abcdef-secret",
            [key] = value,
        };

        var run = await ApiStartupRun.RunAsync(environment);

        run.ExitCode.ShouldBe(78, run.ToString());
        run.ErrorLines.ShouldHaveSingleItem().ShouldContain(expected, Case.Sensitive, run.ToString());
        run.Error.ShouldNotContain("   at ");
        Directory.Exists(_dataDirectory).ShouldBeFalse("no store file is created before the check");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }
}
