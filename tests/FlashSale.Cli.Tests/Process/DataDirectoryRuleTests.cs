using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Process;

/// <summary>One rule with the API: a relative Storage:DataDirectory starts at the working directory; appsettings.json
/// is read next to the program wherever flashsale is started from.</summary>
public sealed class DataDirectoryRuleTests : SaleTests
{
    [Fact]
    public async Task a_relative_data_directory_starts_at_the_working_directory_and_verbose_says_where_on_stderr()
    {
        var parent = Path.GetDirectoryName(Sale.DataDir)!;
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = Path.GetFileName(Sale.DataDir) };

        var run = await CliProcess.RunAsync(parent, environment, "items", "show", "tshirt", "--json", "--verbose");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Json.GetProperty("item").GetProperty("sold").GetInt32().ShouldBe(2);
        run.Error.ShouldContain($"data directory: {Sale.DataDir} (Storage:DataDirectory '{Path.GetFileName(Sale.DataDir)}', relative to the working directory {parent})");
    }

    [Fact]
    public async Task the_programs_appsettings_are_read_when_it_is_started_from_another_directory()
    {
        var environmentName = $"CliTest{Guid.NewGuid():N}";
        var settings = Path.Combine(AppContext.BaseDirectory, $"appsettings.{environmentName}.json");
        await File.WriteAllTextAsync(settings, $$"""{ "Storage": { "DataDirectory": "{{Sale.DataDir.Replace("\\", "\\\\")}}" } }""");
        using var elsewhere = new TempDataDirectory();
        Directory.CreateDirectory(elsewhere.Path);
        try
        {
            var run = await CliProcess.RunAsync(elsewhere.Path, new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = environmentName },
                "items", "list", "--verbose");

            run.ExitCode.ShouldBe(0, run.ToString());
            run.Lines.Select(l => l.Split('\t')[0]).ShouldBe(["item", "mug", "tshirt"]);
            run.Error.ShouldContain(settings);
            Directory.GetFileSystemEntries(elsewhere.Path).ShouldBeEmpty();
        }
        finally
        {
            File.Delete(settings);
        }
    }

    [Fact]
    public async Task without_configuration_it_looks_in_data_under_the_working_directory()
    {
        using var elsewhere = new TempDataDirectory();
        Directory.CreateDirectory(elsewhere.Path);

        var run = await CliProcess.RunAsync(elsewhere.Path, null, "items", "list");

        run.ExitCode.ShouldBe(ExitCodes.Configuration, run.ToString());
        run.Error.ShouldContain($"No event log at {Path.Combine(elsewhere.Path, "data", "events.db")}");
        Directory.GetFileSystemEntries(elsewhere.Path).ShouldBeEmpty();
    }
}
