using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Testing.PostgreSql;

namespace FlashSale.Api.Tests.Marten;

/// <summary>
/// Two API processes on one PostgreSQL event store, one a step behind the other: the stale one's different decision at
/// a taken revision is a conflict, so it catches up and decides again, and no replay of the log sells more than stock.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StaleApiProcessRacesOnMartenTests(PostgresServer server) : IAsyncLifetime
{
    private Dictionary<string, string?> _settings = null!;
    private FlashSaleApiFactory _a = null!;
    private FlashSaleApiFactory _b = null!;

    public async Task InitializeAsync()
    {
        _settings = await MartenApi.SettingsAsync(server, nameof(StaleApiProcessRacesOnMartenTests));
        (_a, _b) = (new FlashSaleApiFactory(_settings), new FlashSaleApiFactory(_settings));
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task a_stale_process_restocking_answers_the_stock_the_log_holds_and_sells_no_more()
    {
        var itemId = Ids.New("restock");
        (await _a.ListItemAsync(itemId, stock: 0)).Status.ShouldBe(HttpStatusCode.Created);
        (await _b.PlaceOrderAsync(Ids.New("warm-up"), itemId, "early")).Code.ShouldBe(RejectionReasons.SoldOut);

        var first = await _a.Operator.RestockAsync(itemId, 1);
        var stale = await _b.Operator.RestockAsync(itemId, 100);

        first.Status.ShouldBe(HttpStatusCode.OK);
        stale.Status.ShouldBe(HttpStatusCode.OK);
        stale.Json.GetProperty("available").GetInt32().ShouldBe(101, stale.Text);
        var orders = await Task.WhenAll(
            _a.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Range(0, 60).Select(i => ($"a-order-{i}", $"a-user-{i}"))),
            _b.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Range(0, 60).Select(i => ($"b-order-{i}", $"b-user-{i}"))));
        var log = await ReadItemAsync(itemId);
        orders.SelectMany(o => o).Count(o => o.Answer.Status == HttpStatusCode.Created).ShouldBe(101);
        log.OfType<StockReserved>().Count().ShouldBe(101);
        log.ShouldNeverOversell();
        ((Listed)ItemDecider.Fold(log)).Available.ShouldBe(0);
    }

    [Fact]
    public async Task two_operators_listing_one_item_at_once_through_two_processes_list_it_once()
    {
        var items = Enumerable.Range(0, 10).Select(_ => Ids.New("listing")).ToList();

        var answers = await Task.WhenAll(items.Select(async itemId =>
            (ItemId: itemId, Answers: await Task.WhenAll(_a.ListItemAsync(itemId, stock: 1), _b.ListItemAsync(itemId, stock: 100)))));

        foreach (var (itemId, both) in answers)
        {
            var listed = both.Where(a => a.Status == HttpStatusCode.Created).ShouldHaveSingleItem(itemId);
            both.Where(a => a.Status == HttpStatusCode.Conflict && a.Code == "item.already_listed").ShouldHaveSingleItem(itemId);
            (await ReadItemAsync(itemId)).OfType<SaleItemListed>().ShouldHaveSingleItem().Stock
                .ShouldBe(listed.Json.GetProperty("available").GetInt32(), itemId);
        }
    }

    private async Task<IReadOnlyList<ItemEvent>> ReadItemAsync(string itemId)
    {
        await using var reader = await MartenApi.OpenReaderAsync(_settings);
        return await EventLog.ReadItemAsync(reader, itemId);
    }
}
