using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Process;

public sealed class CliProcessTests : SaleTests
{
    [Fact]
    public async Task run_in_the_apis_working_directory_it_finds_the_data_through_appsettings_json()
    {
        using var workingDirectory = new TempDataDirectory();
        Directory.CreateDirectory(workingDirectory.Path);
        await File.WriteAllTextAsync(Path.Combine(workingDirectory.Path, "appsettings.json"),
            $$"""{ "Storage": { "DataDirectory": "{{Sale.DataDir.Replace("\\", "\\\\")}}" } }""");

        var list = await CliProcess.RunAsync(workingDirectory.Path, null, "items", "list");
        var show = await CliProcess.RunAsync(workingDirectory.Path, null, "--json", "items", "show", "tshirt");

        list.ExitCode.ShouldBe(0, list.ToString());
        list.Lines.Select(l => l.Split('\t')[0]).ShouldBe(["item", "mug", "tshirt"]);
        show.ExitCode.ShouldBe(0, show.ToString());
        show.Json.GetProperty("item").GetProperty("sold").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task environment_variables_configure_it_like_the_api_and_exit_codes_reach_the_shell()
    {
        var environment = new Dictionary<string, string> { ["Storage__DataDirectory"] = Sale.DataDir };

        var verify = await CliProcess.RunAsync(Path.GetTempPath(), environment, "audit", "verify");
        var unknown = await CliProcess.RunAsync(Path.GetTempPath(), environment, "orders", "show", "o-404");
        var badConfig = await CliProcess.RunAsync(Path.GetTempPath(),
            new Dictionary<string, string>(environment) { ["ReadModels__BatchSize"] = "0" }, "items", "list");
        var usage = await CliProcess.RunAsync(Path.GetTempPath(), environment, "dlq", "list", "--state", "stale");

        verify.ExitCode.ShouldBe(ExitCodes.Ok, verify.ToString());
        unknown.ExitCode.ShouldBe(ExitCodes.NotFound, unknown.ToString());
        unknown.Error.ShouldContain("Order 'o-404' is not known.");
        badConfig.ExitCode.ShouldBe(ExitCodes.Configuration, badConfig.ToString());
        badConfig.Error.ShouldContain("ReadModels:BatchSize");
        usage.ExitCode.ShouldBe(ExitCodes.Usage, usage.ToString());
    }
}
