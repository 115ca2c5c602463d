using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Metrics;

public sealed class OrderMetricsTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?> { ["Metrics:RefreshSeconds"] = "0" });
    private readonly WebApplicationFactory<Program> _host;
    private readonly HttpClient _buyer, _operator;

    public OrderMetricsTests()
    {
        _host = FailingEventStore.Around(_api);
        _buyer = _host.CreateClient();
        _operator = _host.CreateClient();
        _operator.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
    }

    [Fact]
    public async Task after_a_scripted_sale_every_order_is_counted_once_by_its_outcome()
    {
        var (item, broken) = (Ids.New("sale"), Ids.New("broken"));
        await _operator.ListItemAsync(item, stock: 3, perUserLimit: 1);
        await _operator.ListItemAsync(broken, stock: 3);
        ((FailingEventStore)_host.Services.GetRequiredService<IEventStore>())
            .Fail($"item-{broken}", new EventStoreUnavailableException("the store is down"));

        (await _buyer.PlaceOrderAsync("m-1", item, "u1")).Status.ShouldBe(HttpStatusCode.Created);
        (await _buyer.PlaceOrderAsync("m-2", item, "u2")).Status.ShouldBe(HttpStatusCode.Created);
        (await _buyer.PlaceOrderAsync("m-3", item, "u1")).Code.ShouldBe("per_user_limit");
        (await _buyer.PlaceOrderAsync("m-4", item, "u3")).Status.ShouldBe(HttpStatusCode.Created);
        (await _buyer.PlaceOrderAsync("m-5", item, "u4")).Code.ShouldBe("sold_out");
        (await _buyer.PlaceOrderAsync("m-1", item, "u1")).Status.ShouldBe(HttpStatusCode.Created);
        (await _buyer.PlaceOrderAsync("m-6", item, "u5", quantity: 0)).Status.ShouldBe(HttpStatusCode.BadRequest);
        (await _buyer.PlaceOrderAsync("m-7", Ids.New("unknown"), "u6")).Status.ShouldBe(HttpStatusCode.NotFound);
        (await _buyer.PlaceOrderAsync("m-8", broken, "u7")).Status.ShouldBe(HttpStatusCode.ServiceUnavailable);

        var scrape = await Scrape.OfAsync(_buyer);

        scrape["flashsale_orders_received_total"].ShouldBe(9);
        scrape["flashsale_orders_successful_total"].ShouldBe(3);
        scrape["flashsale_orders_idempotency_replayed_total"].ShouldBe(1);
        scrape["flashsale_orders_sold_out_total"].ShouldBe(1);
        scrape["flashsale_orders_rejected_total{reason=\"sold_out\"}"].ShouldBe(1);
        scrape["flashsale_orders_rejected_total{reason=\"per_user_limit\"}"].ShouldBe(1);
        scrape["flashsale_orders_rejected_total{reason=\"item.not_found\"}"].ShouldBe(1);
        scrape["flashsale_orders_validation_failed_total"].ShouldBe(1);
        scrape["flashsale_orders_failed_total"].ShouldBe(1);
        scrape["flashsale_order_processing_duration_seconds_count"].ShouldBe(8);
        scrape["flashsale_request_duration_seconds_count{route=\"/api/orders/\",method=\"POST\",status=\"2xx\"}"].ShouldBe(4);
        scrape["flashsale_request_duration_seconds_count{route=\"/api/orders/\",method=\"POST\",status=\"4xx\"}"].ShouldBe(4);
        scrape["flashsale_request_duration_seconds_count{route=\"/api/orders/\",method=\"POST\",status=\"5xx\"}"].ShouldBe(1);
    }

    [Fact]
    public async Task appends_are_timed_with_their_batch_size_and_the_inventory_level_of_an_ordered_item_is_exported()
    {
        var item = Ids.New("level");
        await _operator.ListItemAsync(item, stock: 5);
        var placed = await _buyer.PlaceOrderAsync("lvl-1", item, "u1");
        await _buyer.QueryAsync($"/api/items/{item}", placed.String("position"));

        var scrape = await Scrape.OfAsync(_buyer);

        // The listing (1 event) and the order (placed + reserved) are two appends of three events, and nothing conflicted.
        scrape["flashsale_eventstore_append_duration_seconds_count"].ShouldBe(2);
        scrape["flashsale_eventstore_append_batch_size_count"].ShouldBe(2);
        scrape["flashsale_eventstore_append_batch_size_sum"].ShouldBe(3);
        scrape["flashsale_concurrency_conflicts_total"].ShouldBe(0);
        scrape["flashsale_item_queue_depth"].ShouldBe(0);
        scrape[$"flashsale_inventory_level{{item_id=\"{item}\"}}"].ShouldBe(4);
    }

    public void Dispose()
    {
        _host.Dispose();
        _api.Dispose();
    }
}
