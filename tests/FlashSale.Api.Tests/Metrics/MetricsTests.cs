using System.Globalization;
using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;

namespace FlashSale.Api.Tests.Metrics;

public sealed class MetricsTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new();

    [Fact]
    public async Task metrics_expose_each_projections_checkpoint_lag_state_and_dead_letters_as_of_the_scrape()
    {
        var itemId = Ids.New("metered");
        await _api.ListItemAsync(itemId, stock: 2);
        var position = (await _api.PlaceOrderAsync(Ids.New("order"), itemId, "metered-buyer")).String("position");
        foreach (var path in new[] { $"/api/items/{itemId}", "/api/users/metered-buyer/orders", "/api/admin/dlq" })
            (await _api.Operator.QueryAsync(path, position)).Status.ShouldBe(HttpStatusCode.OK);

        var scrape = await _api.Buyer.QueryAsync("/metrics");

        scrape.Status.ShouldBe(HttpStatusCode.OK);
        scrape.Answer.MediaType.ShouldBe("text/plain");
        var values = Parse(scrape.Answer.Text);
        var head = QueryCalls.PositionOf(position).Commit;
        foreach (var projection in new[] { "inventory", "order-status", "dead-letters" })
        {
            var label = $"{{projection=\"{projection}\"}}";
            values[$"flashsale_projection_checkpoint_position{label}"].ShouldBeGreaterThanOrEqualTo(head);
            values[$"flashsale_projection_lag_events{label}"].ShouldBe(0);
            values[$"flashsale_projection_lag_seconds{label}"].ShouldBe(0);
            values[$"flashsale_projection_dead_letters{label}"].ShouldBe(0);
            values[$"flashsale_projection_rebuild_events_per_second{label}"].ShouldBe(0);
            values[$"flashsale_projection_state{{projection=\"{projection}\",state=\"running\"}}"].ShouldBe(1);
            values[$"flashsale_projection_state{{projection=\"{projection}\",state=\"faulted\"}}"].ShouldBe(0);
        }
        values["flashsale_dlq_size"].ShouldBe(0);
        values["flashsale_dlq_oldest_age_seconds"].ShouldBe(0);
    }

    [Fact]
    public async Task a_scrape_reports_the_checkpoint_the_projection_has_reached_since_the_last_scrape()
    {
        await _api.Buyer.QueryAsync("/metrics");
        var itemId = Ids.New("moving");
        var position = (await _api.ListItemAsync(itemId, stock: 1)).String("position");
        await _api.Buyer.QueryAsync($"/api/items/{itemId}", position);

        var values = Parse((await _api.Buyer.QueryAsync("/metrics")).Answer.Text);

        values["flashsale_projection_checkpoint_position{projection=\"inventory\"}"].ShouldBeGreaterThanOrEqualTo(QueryCalls.PositionOf(position).Commit);
    }

    [Fact]
    public async Task poison_events_are_counted_per_projection_and_still_under_the_deprecated_dead_letters_name()
    {
        var poisoned = (AppendResult.Success)await _api.Store.AppendAsync($"item-{Ids.New("poison")}", ExpectedRevision.NoStream,
            [new EventData(Guid.NewGuid(), "V1.StockAdded", "{not json"u8.ToArray(), ReadOnlyMemory<byte>.Empty)]);
        await _api.Operator.QueryUntilAsync("/api/admin/projections", a => a.Json.GetProperty("projections").EnumerateArray()
            .All(p => p.IsNull("checkpoint") is false && p.Str("checkpoint") == poisoned.Position.ToToken()),
            TimeSpan.FromSeconds(10), "every projection to record the poison event");

        var values = Parse((await _api.Buyer.QueryAsync("/metrics")).Answer.Text);

        foreach (var projection in new[] { "inventory", "order-status", "dead-letters" })
        {
            var label = $"{{projection=\"{projection}\"}}";
            values[$"flashsale_projection_poison_events{label}"].ShouldBe(1, projection);
            values[$"flashsale_projection_dead_letters{label}"].ShouldBe(1, $"{projection}, deprecated name");
        }
    }

    [Fact]
    public async Task a_scrape_reports_the_time_the_runtime_paused_for_garbage_collections_so_far()
    {
        var before = PauseSeconds((await _api.Buyer.QueryAsync("/metrics")).Answer.Text);
        var paused = GC.GetTotalPauseDuration();
        // Blocking, compacting collections of a heap with something on it: each pauses every thread for a measurable time.
        var ballast = Enumerable.Range(0, 200_000).Select(i => new byte[64 + i % 64]).ToList();
        while (GC.GetTotalPauseDuration() - paused < TimeSpan.FromMilliseconds(5))
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.KeepAlive(ballast);

        var after = PauseSeconds((await _api.Buyer.QueryAsync("/metrics")).Answer.Text);

        after.ShouldBeGreaterThanOrEqualTo(before + 0.005);
        after.ShouldBeLessThanOrEqualTo(GC.GetTotalPauseDuration().TotalSeconds);
    }

    private static double PauseSeconds(string scrape)
    {
        var line = scrape.Split('\n').Single(l => l.StartsWith("dotnet_gc_pause_seconds_total ", StringComparison.Ordinal));
        return double.Parse(line.Split(' ')[1], CultureInfo.InvariantCulture);
    }

    private static Dictionary<string, double> Parse(string text) => text.Split('\n')
        .Where(l => l.StartsWith("flashsale_", StringComparison.Ordinal))
        .Select(l => l.Split(' '))
        .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));

    public void Dispose() => _api.Dispose();
}
