using FlashSale.Cli.Tests.Process;

namespace FlashSale.Cli.Tests.Config;

/// <summary><c>flashsale config check</c> as a pipeline runs it: one line per problem naming the key, exit 78.</summary>
public sealed class ConfigCheckTests : IDisposable
{
    private const string Secret = "0123456789abcdef0123456789abcdef-secret";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flashsale-config-tests", Guid.NewGuid().ToString("N"));

    public ConfigCheckTests() => Directory.CreateDirectory(_directory);

    private Dictionary<string, string> Valid => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Storage__DataDirectory"] = Path.Combine(_directory, "data"),
        ["Operators__ApiKey"] = "operator-key-0123456789",
        ["Payments__CallbackSecret"] = Secret,
    };

    public static TheoryData<string, string, string> BadValues => new()
    {
        { "EventStore__Provider", "Oracle", "EventStore:Provider 'Oracle' is not supported" },
        { "EventStore__Provider=EventStoreDb;EventStore__ConnectionString", "http://localhost:2113", "EventStore:ConnectionString is invalid" },
        { "EventStore__Provider=PostgreSql;EventStore__ConnectionString", "Host=db;Bogus=1", "EventStore:ConnectionString is invalid" },
        { "ReadStore__Provider", "Mongo", "ReadStore:Provider must be" },
        { "Payments__TimeoutRate", "1.5", "Payments:TimeoutRate must be between 0 and 1. (configured: '1.5')" },
        { "Payments__TimeoutRate", "-0.1", "Payments:TimeoutRate must be between 0 and 1." },
        { "Sales__DefaultPaymentWindowSeconds", "0", "Sales:DefaultPaymentWindowSeconds must be between 1 and 604800. (configured: '0')" },
        { "CommandPath__CircuitBreaker__BreakSeconds", "-30", "CommandPath:CircuitBreaker:BreakSeconds must be above 0" },
        { "CommandPath__MaxBatchSize", "0", "CommandPath:MaxBatchSize must be between 1 and 10000." },
        { "Operators__ApiKey", "", "Operators:ApiKey is not set: it is required outside Development" },
        { "Payments__CallbackSecret", "", "Payments:CallbackSecret is not set: it is required outside Development" },
        { "Payments__CallbackSecret", "too-short-secret", "Payments:CallbackSecret must be at least 32 characters (e.g. openssl rand -hex 32). (configured: '***')" },
        { "Storage__DataDirectory", "/proc/flashsale-data", "Storage:DataDirectory '/proc/flashsale-data' cannot be created ('/proc' is not writable)" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public async Task each_bad_value_is_one_line_naming_the_key_and_exits_78(string keys, string value, string expected)
    {
        var environment = Valid;
        var pairs = keys.Split(';');
        foreach (var pair in pairs[..^1]) environment[pair.Split('=')[0]] = pair.Split('=')[1];
        environment[pairs[^1]] = value;

        var run = await CliProcess.RunAsync(_directory, environment, "config", "check");

        run.ExitCode.ShouldBe(78, run.ToString());
        run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem().ShouldContain(expected, Case.Sensitive, run.ToString());
        run.Error.ShouldNotContain("   at ");
        if (value.Length > 0 && keys.Contains("Secret", StringComparison.Ordinal)) run.Error.ShouldNotContain(value);
        Directory.Exists(Path.Combine(_directory, "data")).ShouldBeFalse("the check creates no store file");
    }

    public static TheoryData<string, string, string> BadOperatorKeys => new()
    {
        { "Operators__ApiKey", "short-new-key", "Operators:ApiKey is too short: at least 16 characters" },
        { "Operators__PreviousApiKey", "short-old-key", "Operators:PreviousApiKey is too short or blank" },
        { "Operators__PreviousApiKey", "                    ", "Operators:PreviousApiKey is too short or blank" },
        { "Operators__PreviousApiKey", "operator-key-0123456789", "Operators:PreviousApiKey equals Operators:ApiKey" },
    };

    [Theory]
    [MemberData(nameof(BadOperatorKeys))]
    public async Task a_short_blank_or_repeated_operator_key_fails_the_check_with_the_line_the_apis_start_prints(string key, string value, string expected)
    {
        var environment = Valid;
        environment[key] = value;

        var check = await CliProcess.RunAsync(_directory, environment, "config", "check");
        var apiStart = await CliProcess.RunApiAsync(_directory, environment, "--dry-run");

        check.ExitCode.ShouldBe(78, check.ToString());
        var line = check.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldHaveSingleItem();
        line.ShouldContain(expected, Case.Sensitive, check.ToString());
        if (value.Trim().Length > 0) check.Error.ShouldNotContain(value);
        apiStart.ExitCode.ShouldBe(78, apiStart.ToString());
        apiStart.Error.Trim().ShouldBe($"flashsale-api: configuration: {line["error: ".Length..].Trim()}", apiStart.ToString());
    }

    [Fact]
    public async Task a_valid_configuration_passes_without_creating_a_store()
    {
        var run = await CliProcess.RunAsync(_directory, Valid, "config", "check");

        (run.ExitCode, run.Out.Trim()).ShouldBe((0, "Configuration is valid."), run.ToString());
        Directory.Exists(Path.Combine(_directory, "data")).ShouldBeFalse();
    }

    [Fact]
    public async Task a_data_directory_that_is_a_file_is_refused()
    {
        var file = Path.Combine(_directory, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");
        var environment = Valid;
        environment["Storage__DataDirectory"] = file;

        var run = await CliProcess.RunAsync(_directory, environment, "config", "check");

        run.ExitCode.ShouldBe(78);
        run.Error.ShouldContain($"Storage:DataDirectory '{file}' is a file");
    }

    [Fact]
    public async Task show_prints_the_configuration_with_secrets_and_passwords_masked()
    {
        var environment = Valid;
        environment["EventStore__Provider"] = "PostgreSql";
        environment["EventStore__ConnectionString"] = "Host=db;Username=flashsale;Password=hunter2;Database=flashsale";

        var run = await CliProcess.RunAsync(_directory, environment, "config", "show");

        run.ExitCode.ShouldBe(0, run.ToString());
        run.Lines.ShouldContain("EventStore:ConnectionString = Host=db;Username=flashsale;Password=***;Database=flashsale");
        run.Lines.ShouldContain("Operators:ApiKey = ***");
        run.Lines.ShouldContain("Payments:CallbackSecret = ***");
        run.Lines.ShouldContain("EventStore:Provider = PostgreSql");
        run.Out.ShouldNotContain("hunter2");
        run.Out.ShouldNotContain(Secret);
        run.Out.ShouldNotContain("PATH");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }
}
