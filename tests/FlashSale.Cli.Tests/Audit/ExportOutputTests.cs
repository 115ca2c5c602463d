using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Audit;

public sealed class ExportOutputTests : SaleTests
{
    [Fact]
    public async Task an_output_file_in_a_directory_that_does_not_exist_is_a_usage_error_naming_the_path_given()
    {
        var missing = Path.Combine(Sale.DataDir, "exports", "2026-12", "all.jsonl");
        var before = Directory.GetFileSystemEntries(Sale.DataDir).Order().ToList();

        var run = await Cli("audit", "export", "--output", missing);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain($"--output '{missing}'");
        run.Error.ShouldContain($"the directory '{Path.GetDirectoryName(missing)}' does not exist");
        run.Out.ShouldBeEmpty();
        Directory.GetFileSystemEntries(Sale.DataDir).Order().ShouldBe(before);
    }

    [Fact]
    public async Task a_relative_output_path_is_named_as_typed()
    {
        var run = await Cli("audit", "export", "--output", "no-such-dir-for-flashsale-tests/mug.csv", "--json");

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain("--output 'no-such-dir-for-flashsale-tests/mug.csv': the directory 'no-such-dir-for-flashsale-tests' does not exist");
        run.Json.GetProperty("code").GetString().ShouldBe("usage");
    }

    [Fact]
    public async Task an_output_path_that_is_a_directory_is_a_usage_error()
    {
        var run = await Cli("audit", "export", "--output", Sale.DataDir);

        run.ExitCode.ShouldBe(ExitCodes.Usage, run.ToString());
        run.Error.ShouldContain("is a directory");
    }
}
