using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.EventStore;
using Microsoft.Data.Sqlite;

namespace FlashSale.Api.Tests.Admin;

public sealed class ProjectionEndpointTests : IDisposable
{
    private readonly FlashSaleApiFactory _api = new(new Dictionary<string, string?> { ["ReadModels:RebuildBatchSize"] = "1" });

    [Fact]
    public async Task after_catching_up_every_projection_is_running_at_the_head_with_no_lag()
    {
        var itemId = Ids.New("status");
        await _api.ListItemAsync(itemId, stock: 3);
        for (var i = 0; i < 3; i++) await _api.PlaceOrderAsync(Ids.New("order"), itemId, $"user-{i}");
        var head = (await _api.HeadAsync())!.Value.ToToken();

        var answer = await _api.Operator.QueryUntilAsync("/api/admin/projections",
            a => a.Json.GetProperty("projections").EnumerateArray().All(p => p.IsNull("checkpoint") is false && p.Str("checkpoint") == head),
            TimeSpan.FromSeconds(10), "every projection to reach the head");

        var projections = answer.Json.GetProperty("projections").EnumerateArray().ToList();
        projections.Select(p => p.Str("name")).ShouldBe(["inventory", "order-status", "dead-letters"], ignoreOrder: true);
        projections.ShouldAllBe(p => p.Str("state") == "running" && p.Str("head") == head && p.Int("lagEvents") == 0
            && p.GetProperty("lagSeconds").GetDouble() == 0 && p.Int("deadLetters") == 0);
        var one = await _api.Operator.QueryAsync("/api/admin/projections/order-status");
        (one.Json.Str("name"), one.Json.Str("checkpoint")).ShouldBe(("order-status", head));
    }

    [Fact]
    public async Task an_unknown_projection_is_a_404_everywhere()
    {
        foreach (var answer in new[]
        {
            (await _api.Operator.QueryAsync("/api/admin/projections/stock")).Answer,
            await _api.Operator.PostEmptyAsync("/api/admin/projections/stock/rebuild"),
            (await _api.Operator.QueryAsync("/api/admin/projections/stock/dead-letters")).Answer,
            (await _api.Operator.QueryAsync("/api/admin/audit/verify?projection=stock")).Answer,
        })
        {
            answer.Status.ShouldBe(HttpStatusCode.NotFound, answer.ToString());
            answer.Code.ShouldBe("projection.not_found");
        }
        (await _api.Operator.QueryAsync("/api/admin/projections/inventory/dead-letters")).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task a_rebuild_over_http_keeps_every_query_answering_the_same_data_and_ends_running()
    {
        var itemId = Ids.New("rebuild");
        // Enough events (one transaction each) that the rebuild is still replaying when the first status poll arrives,
        // even on a loaded machine.
        await _api.ListItemAsync(itemId, stock: 500, perUserLimit: 500);
        var placed = await _api.PlaceOrdersConcurrentlyAsync(itemId, Enumerable.Range(0, 600).Select(i => (Ids.New("order"), $"buyer-{i % 7}")));
        var head = (await _api.HeadAsync())!.Value.ToToken();
        var itemPath = $"/api/items/{itemId}";
        var expectedItem = (await _api.Buyer.QueryAsync(itemPath, head)).Answer.Text;
        (await _api.Buyer.QueryAsync(itemPath, head)).Json.Int("available").ShouldBe(0);

        // Sent together, so the second arrives while the first rebuild (hundreds of one-event transactions) still runs.
        var both = await Task.WhenAll(
            _api.Operator.PostEmptyAsync("/api/admin/projections/inventory/rebuild"),
            _api.Operator.PostEmptyAsync("/api/admin/projections/inventory/rebuild"));
        var started = both.FirstOrDefault(a => a.Status == HttpStatusCode.Accepted) ?? both[0];
        var again = both.First(a => !ReferenceEquals(a, started));

        started.Status.ShouldBe(HttpStatusCode.Accepted, started.ToString());
        started.Json.GetProperty("rebuild").Str("phase").ShouldBe("replaying");
        again.Status.ShouldBe(HttpStatusCode.Conflict, again.ToString());
        again.Code.ShouldBe("projection.rebuild_running");
        var sawRebuilding = false;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the rebuild did not finish within 60 s");
            var status = await _api.Operator.QueryAsync("/api/admin/projections/inventory");
            var during = await _api.Buyer.QueryAsync(itemPath, head);
            during.Status.ShouldBe(HttpStatusCode.OK, during.ToString());
            during.Answer.Text.ShouldBe(expectedItem);
            if (status.Json.Str("state") == "rebuilding") sawRebuilding = true;
            else if (status.Json.GetProperty("rebuild").Str("phase") == "done") break;
            status.Json.GetProperty("rebuild").Str("phase").ShouldNotBe("failed", status.ToString());
        }

        sawRebuilding.ShouldBeTrue();
        var after = await _api.Operator.QueryAsync("/api/admin/projections/inventory");
        (after.Json.Str("state"), after.Json.Str("checkpoint")).ShouldBe(("running", head));
        after.Json.GetProperty("rebuild").GetProperty("eventsDone").GetInt64().ShouldBeGreaterThanOrEqualTo(placed.Count);
        (await _api.Buyer.QueryAsync(itemPath, head)).Answer.Text.ShouldBe(expectedItem);
        (await _api.Operator.QueryAsync("/api/admin/audit/verify?projection=inventory")).Json.GetProperty("clean").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task verify_reports_exactly_the_rows_corrupted_by_hand()
    {
        var itemId = Ids.New("verify");
        await _api.ListItemAsync(itemId, stock: 5);
        var head = (await _api.PlaceOrderAsync(Ids.New("order"), itemId, "auditor")).String("position");
        await _api.Buyer.QueryAsync($"/api/items/{itemId}", head);
        (await _api.Operator.PostEmptyAsync("/api/admin/audit/verify")).Json.GetProperty("clean").GetBoolean().ShouldBeTrue();

        await using (var sql = new SqliteConnection($"Data Source={Path.Combine(_api.DataDirectory, "readmodels.db")}"))
        {
            await sql.OpenAsync();
            var update = sql.CreateCommand();
            update.CommandText = "UPDATE inventory SET available = 999 WHERE item_id = $id";
            update.Parameters.AddWithValue("$id", itemId);
            (await update.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        var report = await _api.Operator.PostEmptyAsync("/api/admin/audit/verify");

        report.Status.ShouldBe(HttpStatusCode.OK);
        report.Json.GetProperty("clean").GetBoolean().ShouldBeFalse();
        report.Json.Int("differences").ShouldBe(1);
        var difference = report.Json.GetProperty("projections").EnumerateArray()
            .Single(p => p.Str("projection") == "inventory").GetProperty("differences").EnumerateArray().ShouldHaveSingleItem();
        (difference.Str("key"), difference.Str("kind")).ShouldBe((itemId, "different"));
        var column = difference.GetProperty("columns").EnumerateArray().ShouldHaveSingleItem();
        (column.Str("column"), column.GetProperty("expected").GetInt64(), column.GetProperty("actual").GetInt64()).ShouldBe(("available", 4L, 999L));
    }

    [Fact]
    public async Task a_poison_event_is_listed_with_its_error_and_counted_in_status_and_metrics()
    {
        var poisoned = (AppendResult.Success)await _api.Store.AppendAsync($"item-{Ids.New("poison")}", ExpectedRevision.NoStream,
            [new EventData(Guid.NewGuid(), "V1.StockAdded", "{not json"u8.ToArray(), ReadOnlyMemory<byte>.Empty)]);

        var status = await _api.Operator.QueryUntilAsync("/api/admin/projections/inventory", a => a.Json.Int("deadLetters") == 1,
            TimeSpan.FromSeconds(10), "the poison event to be recorded");

        (status.Json.Str("state"), status.Json.Str("checkpoint")).ShouldBe(("running", poisoned.Position.ToToken()));
        var poison = (await _api.Operator.QueryAsync("/api/admin/projections/inventory/dead-letters")).Items().ShouldHaveSingleItem();
        (poison.Str("position"), poison.Str("eventType")).ShouldBe((poisoned.Position.ToToken(), "V1.StockAdded"));
        poison.Str("error").ShouldNotBeNullOrWhiteSpace();
        (await _api.Buyer.QueryAsync("/metrics")).Answer.Text.ShouldContain("\nflashsale_projection_dead_letters{projection=\"inventory\"} 1\n");
    }

    public void Dispose() => _api.Dispose();
}
