using FlashSale.Api.Tests.Configuration;
using FlashSale.Api.Tests.Process;
using FlashSale.Hosting.Configuration;
using Microsoft.Extensions.Configuration;

namespace FlashSale.Api.Tests.Operators;

/// <summary>A weak or mistaken operator key stops the start like any bad configuration: one line, exit 78, the key masked.</summary>
public sealed class OperatorKeyConfigurationTests : IDisposable
{
    private const string Current = "operator-key-0123456789";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-startup-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDirectory)) Directory.Delete(_dataDirectory, recursive: true);
    }

    public static TheoryData<string, string, string> BadKeys => new()
    {
        { "Operators__PreviousApiKey", "short-old-key", "Operators:PreviousApiKey is too short or blank" },
        { "Operators__PreviousApiKey", "                    ", "Operators:PreviousApiKey is too short or blank" },
        { "Operators__PreviousApiKey", Current, "Operators:PreviousApiKey equals Operators:ApiKey" },
        { "Operators__ApiKey", "short-new-key", "Operators:ApiKey is too short" },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task a_short_blank_or_repeated_operator_key_stops_the_start_with_one_line_and_exit_78(string key, string value, string expected)
    {
        var environment = Valid();
        environment[key] = value;

        var run = await ApiStartupRun.RunAsync(environment);

        run.ExitCode.ShouldBe(78, run.ToString());
        run.ErrorLines.ShouldHaveSingleItem().ShouldContain(expected, Case.Sensitive, run.ToString());
        if (value.Trim().Length > 0) run.Error.ShouldNotContain(value);
        Directory.Exists(_dataDirectory).ShouldBeFalse("no store file is created before the check");
    }

    [Fact]
    public async Task a_previous_key_of_sixteen_characters_or_more_passes_the_check()
    {
        var environment = Valid();
        environment["Operators__PreviousApiKey"] = "old-operator-key-9876543210";

        var run = await ApiStartupRun.RunAsync(environment, "--dry-run");

        run.ExitCode.ShouldBe(0, run.ToString());
    }

    [Fact]
    public void config_show_masks_the_previous_key_like_the_current_one()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Operators:ApiKey"] = Current,
            ["Operators:PreviousApiKey"] = "old-operator-key-9876543210",
        }).Build();

        var shown = ConfigurationValues.Effective(configuration).ToDictionary(kv => kv.Key, kv => kv.Value);

        shown["Operators:ApiKey"].ShouldBe(ConfigurationValues.Masked);
        shown["Operators:PreviousApiKey"].ShouldBe(ConfigurationValues.Masked);
    }

    private Dictionary<string, string> Valid() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiProcess.FreePort()}",
        ["Storage__DataDirectory"] = _dataDirectory,
        ["Operators__ApiKey"] = Current,
        ["Payments__CallbackSecret"] = "0123456789abcdef0123456789abcdef-secret",
    };
}
