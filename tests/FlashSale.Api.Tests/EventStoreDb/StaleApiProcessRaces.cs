using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;
using Xunit.Abstractions;

namespace FlashSale.Api.Tests.EventStoreDb;

/// <summary>
/// Two API processes on one EventStoreDB, one of them a step behind the other. The server takes an append whose event
/// ids equal those stored after its expected revision for a repeat and answers success without comparing the data,
/// so a stale process's different decision must be refused by the server, caught up and decided again: every answer
/// is what the log holds, and a replay of the log never sells more than the stock.
/// </summary>
public abstract class StaleApiProcessRaces(ITestOutputHelper output) : IAsyncLifetime
{
    public const string Variable = "FLASHSALE_TEST_ESDB";

    private readonly List<IAsyncDisposable> _owned = [];
    private string? _connectionString;
    private FlashSaleApiFactory _a = null!;
    private FlashSaleApiFactory _b = null!;

    /// <summary>The server both processes use, or null when there is none (the tests then pass, saying they did not run).</summary>
    protected abstract Task<string?> StartServerAsync();

    public async Task InitializeAsync()
    {
        _connectionString = await StartServerAsync();
        if (_connectionString is null) return;
        _a = Process();
        _b = Process();
    }

    public virtual async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--) await _owned[i].DisposeAsync();
    }

    [Fact]
    public async Task a_stale_process_restocking_answers_the_stock_the_log_holds_and_sells_no_more()
    {
        if (NoServer()) return;
        var itemId = Ids.New("restock");
        (await _a.ListItemAsync(itemId, stock: 0)).Status.ShouldBe(HttpStatusCode.Created);
        (await _b.PlaceOrderAsync(Ids.New("warm-up"), itemId, "early")).Code.ShouldBe(RejectionReasons.SoldOut);

        var first = await _a.Operator.RestockAsync(itemId, 1);
        var stale = await _b.Operator.RestockAsync(itemId, 100);

        first.Status.ShouldBe(HttpStatusCode.OK);
        stale.Status.ShouldBe(HttpStatusCode.OK);
        var log = await ReadItemAsync(itemId);
        Available(log).ShouldBe(101);
        stale.Json.GetProperty("available").GetInt32().ShouldBe(101, stale.Text);

        var orders = await _b.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Range(0, 102).Select(i => ($"order-{i}", $"user-{i}")));
        log = await ReadItemAsync(itemId);
        orders.Count(o => o.Answer.Status == HttpStatusCode.Created).ShouldBe(101);
        log.OfType<StockReserved>().Count().ShouldBe(101);
        log.ShouldNeverOversell();
        Available(log).ShouldBe(0);
    }

    [Fact]
    public async Task an_order_id_reused_through_a_stale_process_is_refused_and_the_first_order_stands()
    {
        if (NoServer()) return;
        var itemId = Ids.New("reuse");
        await _a.ListItemAsync(itemId, stock: 5, perUserLimit: 2);
        (await _b.PlaceOrderAsync(Ids.New("warm-up"), itemId, "early")).Status.ShouldBe(HttpStatusCode.Created);
        var orderId = Ids.New("order");

        var placed = await _a.PlaceOrderAsync(orderId, itemId, "alice", quantity: 1);
        var reused = await _b.PlaceOrderAsync(orderId, itemId, "bob", quantity: 2);
        var repeated = await _b.PlaceOrderAsync(orderId, itemId, "alice", quantity: 1);

        placed.Status.ShouldBe(HttpStatusCode.Created);
        reused.Status.ShouldBe(HttpStatusCode.Conflict, reused.Text);
        reused.Code.ShouldBe("order.id_reused");
        repeated.Status.ShouldBe(HttpStatusCode.Created);
        repeated.String("position").ShouldBe(placed.String("position"));
        var log = await ReadItemAsync(itemId);
        log.OfOrder<StockReserved>(orderId).ShouldHaveSingleItem().ShouldBe(new StockReserved(itemId, orderId, "alice", 1,
            DateTimeOffset.Parse(placed.String("reservedUntil"), System.Globalization.CultureInfo.InvariantCulture)));
        Available(log).ShouldBe(3);
    }

    [Fact]
    public async Task two_operators_listing_one_item_at_once_through_two_processes_list_it_once()
    {
        if (NoServer()) return;
        var items = Enumerable.Range(0, 10).Select(_ => Ids.New("listing")).ToList();

        var answers = await Task.WhenAll(items.Select(async itemId =>
        {
            var both = await Task.WhenAll(_a.ListItemAsync(itemId, stock: 1), _b.ListItemAsync(itemId, stock: 100));
            return (ItemId: itemId, Answers: both);
        }));

        foreach (var (itemId, both) in answers)
        {
            var listed = both.Where(a => a.Status == HttpStatusCode.Created).ShouldHaveSingleItem(itemId);
            both.Where(a => a.Status == HttpStatusCode.Conflict && a.Code == "item.already_listed").ShouldHaveSingleItem(itemId);
            var log = await ReadItemAsync(itemId);
            log.OfType<SaleItemListed>().ShouldHaveSingleItem().Stock.ShouldBe(listed.Json.GetProperty("available").GetInt32(), itemId);
        }
    }

    private bool NoServer()
    {
        if (_connectionString is not null) return false;
        output.WriteLine($"{Variable} is not set: these races did NOT run against a real EventStoreDB/KurrentDB server (the same " +
            $"races run against the loopback double in {nameof(StaleApiProcessRacesOnTheDouble)}). To run them: {Variable}=" +
            $"\"esdb://127.0.0.1:2113?tls=false\" dotnet test tests/FlashSale.Api.Tests -c Release --filter {nameof(StaleApiProcessRacesOnARealServer)}");
        return true;
    }

    private FlashSaleApiFactory Process()
    {
        var api = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["EventStore:Provider"] = "EventStoreDb",
            ["EventStore:ConnectionString"] = _connectionString,
        });
        _owned.Add(api);
        return api;
    }

    /// <summary>The item's log as a fresh reader sees it.</summary>
    private async Task<IReadOnlyList<ItemEvent>> ReadItemAsync(string itemId)
    {
        await using var reader = EventStoreDbEventStore.Connect(_connectionString!);
        return await EventLog.ReadItemAsync(reader, itemId);
    }

    private static int Available(IReadOnlyList<ItemEvent> log) => ((Listed)ItemDecider.Fold(log)).Available;
}

/// <summary>The races against the loopback EventStoreDB double, which dedupes repeated ids as the server does.</summary>
public sealed class StaleApiProcessRacesOnTheDouble(ITestOutputHelper output) : StaleApiProcessRaces(output)
{
    private EventStoreDbDouble? _server;

    protected override async Task<string?> StartServerAsync()
    {
        _server = await EventStoreDbDouble.StartAsync();
        return _server.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>
/// The races against a real EventStoreDB / KurrentDB server when <c>FLASHSALE_TEST_ESDB</c> holds its connection string;
/// without it every test writes that it did not run and passes. Item ids are unique per test.
/// </summary>
public sealed class StaleApiProcessRacesOnARealServer(ITestOutputHelper output) : StaleApiProcessRaces(output)
{
    protected override Task<string?> StartServerAsync() =>
        Task.FromResult(Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } server ? server : null);
}
