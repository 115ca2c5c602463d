using FlashSale.Application.CommandPath;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.EventStore.EventStoreDb;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>
/// Two processes, each with its own connection and its own writer of one item, on one EventStoreDB: one of them
/// decides on a state the other has already moved past. EventStoreDB answers an append whose events carry the ids
/// already stored after the expected revision as an idempotent success without comparing the data, so the stale
/// writer's different decision must carry different ids, be refused, caught up and decided again. Every acknowledged
/// command must then be in the log with the acknowledged content, and the writer's item must equal a fold of the log.
/// </summary>
public abstract class StaleWriterRaces(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _itemId = $"race-{Guid.NewGuid():N}";
    private readonly List<IAsyncDisposable> _owned = [];
    private string? _connectionString;

    /// <summary>The server to race on, or null when there is none (the tests then pass, saying they did not run).</summary>
    protected abstract Task<string?> StartServerAsync();

    public async Task InitializeAsync() => _connectionString = await StartServerAsync();

    public virtual async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
    }

    [Fact]
    public async Task a_stale_writer_restocking_is_told_the_stock_the_log_holds_and_cannot_sell_more()
    {
        if (NoServer()) return;
        var (a, b) = (Process(), Process());
        await RunAsync(a, List(stock: 0));
        await WarmUpAsync(b);

        var first = await RunAsync(a, Restock(1));
        var stale = await RunAsync(b, Restock(100));

        var log = await ReadLogAsync();
        log.ShouldHoldAcknowledged(first, "the first restock");
        log.ShouldHoldAcknowledged(stale, "the stale writer's restock");
        ((Listed)stale.State).Available.ShouldBe(101);
        var orders = await Task.WhenAll(Enumerable.Range(0, 102).Select(i => TryRunAsync(b, Order($"order-{i}", $"user-{i}"))));
        log = await ReadLogAsync();
        orders.Count(o => o?.Events.OfType<StockReserved>().Any() == true).ShouldBe(101);
        log.ReplayCheckingStock().ShouldBe(101);
        foreach (var order in orders.OfType<CommandOutcome>()) log.ShouldHoldAcknowledged(order, "an order on the stale writer");
    }

    [Fact]
    public async Task two_operators_listing_one_item_list_it_once_and_the_stale_one_is_told_it_is_listed()
    {
        if (NoServer()) return;
        var (a, b) = (Process(), Process());
        await WarmUpAsync(b);

        var listed = await RunAsync(a, List(stock: 1));
        var second = await Should.ThrowAsync<DomainException>(() => RunAsync(b, List(stock: 100)));

        second.Code.ShouldBe(DomainErrors.ItemAlreadyListed);
        var log = await ReadLogAsync();
        log.ShouldHoldAcknowledged(listed, "the listing");
        log.OfType<SaleItemListed>().ShouldHaveSingleItem().Stock.ShouldBe(1);
    }

    [Fact]
    public async Task an_order_id_reused_on_a_stale_writer_with_another_user_and_quantity_is_refused()
    {
        if (NoServer()) return;
        var (a, b) = (Process(), Process());
        await RunAsync(a, List(stock: 10, perUserLimit: 2));
        await WarmUpAsync(b);

        var placed = await RunAsync(a, Order("order", "alice", quantity: 1));
        var reused = await Should.ThrowAsync<DomainException>(() => RunAsync(b, Order("order", "bob", quantity: 2)));
        var repeated = await RunAsync(b, Order("order", "alice", quantity: 1));

        reused.Code.ShouldBe(DomainErrors.OrderIdReused);
        repeated.Events.ShouldBeEmpty();
        var log = await ReadLogAsync();
        log.ShouldHoldAcknowledged(placed, "the order");
        log.OfType<StockReserved>().ShouldHaveSingleItem().ShouldBe(placed.Events.OfType<StockReserved>().Single());
        ItemDecider.Fold(log.Events).ShouldBeTheSameItemAs(repeated.State, "the repeat on the stale writer");
        ((Listed)repeated.State).Available.ShouldBe(9);
    }

    [Fact]
    public async Task an_append_that_timed_out_and_lands_later_is_caught_up_before_the_next_decision_sticks()
    {
        if (NoServer()) return;
        LateLandingEventStore late = null!;
        var writer = Process(store => late = new LateLandingEventStore(store));
        await RunAsync(writer, List(stock: 0));
        late.LoseTheNextAnswer();

        await Should.ThrowAsync<EventStoreTimeoutException>(() => RunAsync(writer, Restock(1)));
        var next = await RunAsync(writer, Restock(100));

        late.LandedLate.ShouldBeOfType<AppendResult.Success>();
        var log = await ReadLogAsync();
        log.ShouldHoldAcknowledged(next, "the restock decided after the timeout");
        log.State.Available.ShouldBe(101);
        ((Listed)next.State).Available.ShouldBe(101);
    }

    [Fact]
    public async Task two_writers_racing_restocks_and_orders_only_acknowledge_what_the_log_holds()
    {
        if (NoServer()) return;
        var (a, b) = (Process(), Process());
        await RunAsync(a, List(stock: 0));
        await WarmUpAsync(b);

        var commands = Enumerable.Range(0, 240).Select(i => (Writer: i % 2 == 0 ? a : b,
            Command: i % 6 < 2 ? (ItemCommand)Restock(1) : Order($"order-{i}", $"user-{i}")));
        var outcomes = await Task.WhenAll(commands.Select(c => Task.Run(() => TryRunAsync(c.Writer, c.Command))));

        var log = await ReadLogAsync();
        var acknowledged = outcomes.OfType<CommandOutcome>().Where(o => o.Events.Count > 0).ToList();
        acknowledged.Count.ShouldBeGreaterThan(120);
        foreach (var outcome in acknowledged) log.ShouldHoldAcknowledged(outcome, $"{outcome.Events[0].GetType().Name} acknowledged");
        log.ReplayCheckingStock().ShouldBeLessThanOrEqualTo(log.State.InitialStock + log.State.Restocked);
        log.Events.Count(e => e is StockReserved).ShouldBe(acknowledged.Count(o => o.Events.OfType<StockReserved>().Any()));
        log.State.Restocked.ShouldBe(acknowledged.Count(o => o.Events.OfType<ItemRestocked>().Any()));
    }

    private bool NoServer()
    {
        if (_connectionString is not null) return false;
        output.WriteLine($"{RealServerRaces.Variable} is not set: these races did NOT run against a real EventStoreDB/KurrentDB server " +
            $"(the same races run against the loopback double in {nameof(StaleWriterRacesOnTheDouble)}). To run them: " +
            $"{RealServerRaces.Variable}=\"esdb://127.0.0.1:2113?tls=false\" dotnet test tests/FlashSale.Application.Tests -c Release " +
            $"--filter {nameof(StaleWriterRacesOnARealServer)}");
        return true;
    }

    /// <summary>A process of its own: its own connection to the server and its own writer of the item.</summary>
    private ItemWriter Process(Func<IEventStore, IEventStore>? decorate = null)
    {
        var connection = EventStoreDbEventStore.Connect(_connectionString!);
        _owned.Add(connection);
        var writer = new ItemWriter(_itemId, decorate?.Invoke(connection) ?? connection, new CommandPathOptions(), NullLogger.Instance);
        _owned.Add(writer);
        return writer;
    }

    /// <summary>The writer reads the item (a refused command writes nothing), so it is current now and stale later.</summary>
    private async Task WarmUpAsync(ItemWriter writer) =>
        await Should.ThrowAsync<DomainException>(() => RunAsync(writer, Restock(0)));

    private Task<ItemLog> ReadLogAsync()
    {
        var reader = EventStoreDbEventStore.Connect(_connectionString!);
        _owned.Add(reader);
        return ItemLog.ReadAsync(reader, _itemId);
    }

    private static Task<CommandOutcome> RunAsync(ItemWriter writer, ItemCommand command) =>
        writer.ExecuteAsync(command, CommandContext.System("operator")).WaitAsync(Eventually.Bound);

    private static async Task<CommandOutcome?> TryRunAsync(ItemWriter writer, ItemCommand command)
    {
        try
        {
            return await RunAsync(writer, command);
        }
        catch (Exception e) when (e is DomainException or ConcurrencyException)
        {
            return null;
        }
    }

    private ListItem List(int stock, int perUserLimit = 1) =>
        new(_itemId, "Race item", stock, perUserLimit, null, null, 600, DateTimeOffset.UtcNow);

    private RestockItem Restock(int quantity) => new(_itemId, quantity, "found more", DateTimeOffset.UtcNow);

    private PlaceOrder Order(string orderId, string userId, int quantity = 1) => new(_itemId, orderId, userId, quantity, DateTimeOffset.UtcNow);
}
