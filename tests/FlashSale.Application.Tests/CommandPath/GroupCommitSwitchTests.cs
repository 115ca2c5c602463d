using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary><c>CommandPath:GroupCommit=false</c> (the HTTP benchmark's one-append-per-order path): every append holds
/// one command, however many are queued.</summary>
public sealed class GroupCommitSwitchTests : OnSqlite
{
    private const string ItemId = "switch";

    [Theory]
    [InlineData(true, 512)]
    [InlineData(false, 1)]
    public void group_commit_off_makes_batches_of_one_command(bool groupCommit, int batchSize) =>
        Configured(groupCommit).MaxBatchSize.ShouldBe(batchSize);

    [Theory]
    [InlineData(false, 10)]
    [InlineData(true, 2)]
    public async Task queued_orders_are_appended_one_by_one_without_group_commit_and_together_with_it(bool groupCommit, int orderAppends)
    {
        var gate = new GatedEventStore(Sqlite);
        await using var writer = new ItemWriter(ItemId, gate, Configured(groupCommit), NullLogger.Instance);
        await writer.ExecuteAsync(new ListItem(ItemId, "Switch", 100, 10, null, null, 600, DateTimeOffset.UtcNow), CommandContext.System("operator"))
            .WaitAsync(Eventually.Bound);
        gate.Close();
        var first = writer.ExecuteAsync(Order(0), CommandContext.System("buyer"));
        await gate.Blocked.WaitAsync(Eventually.Bound);
        var rest = Enumerable.Range(1, 9).Select(i => writer.ExecuteAsync(Order(i), CommandContext.System("buyer"))).ToList();
        gate.Open();

        var outcomes = await Task.WhenAll([first, .. rest]).WaitAsync(Eventually.Bound);

        outcomes.ShouldAllBe(o => o.Events.OfType<StockReserved>().Any());
        (writer.AppendCount - 1).ShouldBe(orderAppends, "appends after the listing");
        (await ItemLog.ReadAsync(Sqlite, ItemId)).State.Available.ShouldBe(90);
    }

    private static CommandPathOptions Configured(bool groupCommit)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["CommandPath:GroupCommit"] = groupCommit.ToString() }).Build();
        using var services = new ServiceCollection().AddLogging().AddFlashSaleWriteSide(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<CommandPathOptions>>().Value;
    }

    private static PlaceOrder Order(int i) => new(ItemId, $"o-{i}", $"u-{i}", 1, DateTimeOffset.UtcNow);
}
