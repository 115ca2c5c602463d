using FlashSale.Cli.Output;
using FlashSale.Cli.Tests.Fixtures;
using Xunit.Abstractions;

namespace FlashSale.Cli.Tests.Output;

/// <summary>Tables on an 80-column terminal: nothing wider than the terminal, and no number split over two lines.</summary>
public sealed class TableWidthTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly TempDataDirectory _data = new();

    public async Task InitializeAsync()
    {
        await using var writer = await SaleWriter.OpenAsync(_data.EventsDb);
        await writer.ListItemAsync("limited-edition-sneaker-2026-black-and-white", 1_234_567, perUserLimit: 2);
        await writer.PlaceOrderAsync("order-with-a-rather-long-identifier-0001", "limited-edition-sneaker-2026-black-and-white",
            "customer-with-a-long-user-name@example", 2);
        await writer.PlaceOrderAsync("order-with-a-rather-long-identifier-0002", "limited-edition-sneaker-2026-black-and-white", "bob");
        await writer.TimeOutAsync("order-with-a-rather-long-identifier-0002", "limited-edition-sneaker-2026-black-and-white");
    }

    public Task DisposeAsync()
    {
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("items", "list")]
    [InlineData("dlq", "list")]
    [InlineData("projections", "status")]
    [InlineData("audit", "history", "item", "limited-edition-sneaker-2026-black-and-white")]
    [InlineData("orders", "list", "--user", "customer-with-a-long-user-name@example")]
    public async Task a_table_fits_80_columns_and_keeps_every_number_on_one_line(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApp.RunAsync([.. args, "--data-dir", _data.Path], CliConsole.Capture(output, error, terminal: true, width: 80));

        log.WriteLine(output.ToString());
        exitCode.ShouldBe(0, error.ToString());
        var lines = output.ToString().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        lines.ShouldAllBe(l => l.Length <= 80, output.ToString());
        var numbers = args[0] switch
        {
            "items" => new[] { "│ 1,234,565 │" },
            "audit" => ["│ 1,234,567 │", "│ 1,234,565 │", "│ 1,234,564 │"],
            _ => [],
        };
        foreach (var number in numbers) output.ToString().ShouldContain(number, customMessage: output.ToString());
    }
}
