using System.Reflection;
using FlashSale.Cli.Tests.Process;
using FlashSale.Hosting.Configuration;

namespace FlashSale.Cli.Tests.Config;

/// <summary><c>flashsale config show</c> lists every section the API or the CLI binds options from, so an operator
/// sees every value that is in effect.</summary>
public sealed class ConfigShowSectionsTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flashsale-config-tests", Guid.NewGuid().ToString("N"));

    public ConfigShowSectionsTests() => Directory.CreateDirectory(_directory);

    /// <summary>The <c>const string Section</c> of every options class in the application's assemblies (first segment:
    /// <c>CommandPath:CircuitBreaker</c> is shown under <c>CommandPath</c>).</summary>
    private static IEnumerable<(string Type, string Section)> BoundSections()
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "FlashSale.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.EndsWith(".Tests", StringComparison.Ordinal) && !name.StartsWith("FlashSale.Testing", StringComparison.Ordinal))
            .Select(name => Assembly.Load(name!));
        return assemblies.SelectMany(a => a.GetTypes())
            .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)))
            .Where(f => f.Field is { IsLiteral: true } && f.Field.FieldType == typeof(string))
            .Select(f => (f.Type.FullName!, ((string)f.Field!.GetRawConstantValue()!).Split(':')[0]));
    }

    [Fact]
    public void every_bound_options_section_is_one_config_show_lists()
    {
        var bound = BoundSections().ToList();

        bound.Select(b => b.Section).ShouldContain("Docs"); // the scan reaches the API's assembly
        bound.Where(b => !ConfigurationValues.Sections.Contains(b.Section, StringComparer.OrdinalIgnoreCase))
            .Select(b => $"{b.Type} binds '{b.Section}'").ShouldBeEmpty();
    }

    [Fact]
    public async Task show_prints_the_docs_cors_metrics_health_and_shutdown_keys()
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Storage__DataDirectory"] = Path.Combine(_directory, "data"),
            ["Docs__Enabled"] = "true",
            ["Cors__AllowedOrigins__0"] = "https://shop.example.com",
            ["Metrics__RefreshSeconds"] = "7",
            ["Health__TimeoutSeconds"] = "3",
            ["Shutdown__DrainSeconds"] = "1",
        };

        var run = await CliProcess.RunAsync(_directory, environment, "config", "show");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.ShouldContain("Docs:Enabled = true");
        run.Lines.ShouldContain("Cors:AllowedOrigins:0 = https://shop.example.com");
        run.Lines.ShouldContain("Metrics:RefreshSeconds = 7");
        run.Lines.ShouldContain("Health:TimeoutSeconds = 3");
        run.Lines.ShouldContain("Shutdown:DrainSeconds = 1");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
