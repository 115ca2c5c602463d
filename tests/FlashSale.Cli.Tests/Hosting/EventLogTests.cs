using System.Text;
using FlashSale.Cli.Tests.Fixtures;

namespace FlashSale.Cli.Tests.Hosting;

/// <summary>A missing or unreadable event log is one line with the path and an exit code, and no store file is
/// created next to it (the directory lists the same before and after).</summary>
public sealed class EventLogTests : IDisposable
{
    private readonly TempDataDirectory _data = new();

    public EventLogTests() => Directory.CreateDirectory(_data.Path);

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task an_empty_data_directory_is_a_configuration_error_and_stays_empty()
    {
        var run = await RunAsync("items", "list");

        run.ExitCode.ShouldBe(ExitCodes.Configuration, run.ToString());
        run.Error.Trim().Split('\n').Length.ShouldBe(1);
        run.Error.ShouldContain($"No event log at {_data.EventsDb}");
        Entries().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("this is a shopping list, not a database\n")]
    public async Task a_file_that_is_not_an_sqlite_database_is_a_configuration_error_and_nothing_is_created(string content)
    {
        await File.WriteAllTextAsync(_data.EventsDb, content);
        var before = Entries();

        var run = await RunAsync("dlq", "list");

        run.ExitCode.ShouldBe(ExitCodes.Configuration, run.ToString());
        run.Error.Trim().Split('\n').Length.ShouldBe(1);
        run.Error.ShouldContain($"The file at {_data.EventsDb} is not an event log");
        Entries().ShouldBe(before);
        (await File.ReadAllTextAsync(_data.EventsDb)).ShouldBe(content);
    }

    [Fact]
    public async Task a_damaged_sqlite_log_fails_in_one_line_without_creating_the_read_store()
    {
        var damaged = new byte[8192];
        Encoding.ASCII.GetBytes("SQLite format 3\0").CopyTo(damaged, 0);
        new Random(7).NextBytes(damaged.AsSpan(16));
        await File.WriteAllBytesAsync(_data.EventsDb, damaged);

        var run = await RunAsync("items", "list", "--json");

        run.ExitCode.ShouldBe(ExitCodes.Failed, run.ToString());
        run.Error.Trim().Split('\n').Length.ShouldBe(1);
        run.Error.ShouldContain($"The event log at {_data.EventsDb} cannot be read");
        run.Error.ShouldNotContain("   at ");
        run.Json.GetProperty("code").GetString().ShouldBe("failed");
        File.Exists(_data.ReadModelsDb).ShouldBeFalse();
    }

    private Task<CliRun> RunAsync(params string[] args) => InProcessCli.RunAsync(false, [.. args, "--data-dir", _data.Path]);

    private List<string> Entries() => Directory.GetFileSystemEntries(_data.Path).Select(Path.GetFileName).Order().ToList()!;
}
