using System.Collections.Concurrent;
using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Testing.PostgreSql;
using Xunit.Abstractions;

namespace FlashSale.Api.Tests.Resilience;

/// <summary>
/// Controlled degradation: the PostgreSQL read store is stopped while the API runs (a server of this test's own, so
/// no other test loses it) and started again on the same port. Orders go on, queries say why they cannot answer,
/// readiness says degraded, and the read models catch up by themselves.
/// </summary>
public sealed class ReadStoreOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(120);
    private readonly ConcurrentQueue<string> _answers = new();
    private LocalPostgres _postgres = null!;

    public async Task InitializeAsync() => _postgres = await LocalPostgres.StartAsync();

    public async Task DisposeAsync() => await _postgres.DisposeAsync();

    [Fact]
    public async Task orders_are_taken_while_the_read_store_is_down_queries_answer_503_and_the_models_catch_up_when_it_returns()
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["ReadStore:Provider"] = "PostgreSql",
            ["ReadStore:ConnectionString"] = _postgres.ConnectionString,
        });
        var itemId = Ids.New("outage");
        (await api.ListItemAsync(itemId, stock: 100, perUserLimit: 1)).Status.ShouldBe(HttpStatusCode.Created);
        var before = await PlaceAsync(api, itemId, "before", 3);
        (await QueryAsync(api, $"/api/items/{itemId}", before[^1].Position)).Json.GetProperty("available").GetInt32().ShouldBe(97);
        (await QueryAsync(api, "/health/ready")).Json.Str("status").ShouldBe("healthy");

        await _postgres.StopAsync();
        var during = await PlaceAsync(api, itemId, "during", 5);

        foreach (var path in new[] { $"/api/items/{itemId}", "/api/items", $"/api/orders/{during[0].OrderId}?itemId={itemId}",
                     $"/api/orders/{during[0].OrderId}", "/api/users/during-buyer-0/orders" })
        {
            var query = await QueryAsync(api, path);
            query.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, $"{path}: {query}");
            query.Answer.Code.ShouldBe("read_store.unavailable", path);
            query.Header("Retry-After").ShouldNotBeNull(path);
        }
        var operatorQuery = await QueryAsync(api, "/api/admin/projections", client: api.Operator);
        operatorQuery.Answer.Code.ShouldBe("read_store.unavailable", operatorQuery.ToString());
        var degraded = await QueryAsync(api, "/health/ready");
        degraded.Status.ShouldBe(HttpStatusCode.OK, degraded.ToString());
        degraded.Json.Str("status").ShouldBe("degraded");
        degraded.Json.GetProperty("readStore").Str("status").ShouldBe("unhealthy");
        degraded.Json.GetProperty("eventStore").Str("status").ShouldBe("healthy");

        await _postgres.RestartAsync();
        var after = await PlaceAsync(api, itemId, "after", 2);
        var inventory = await EventuallyAsync(api, $"/api/items/{itemId}", after[^1].Position);
        inventory.Json.GetProperty("available").GetInt32().ShouldBe(90);
        foreach (var order in during)
            // Each read model catches up on its own: the order-status one is asked to be where the inventory was.
            (await EventuallyAsync(api, $"/api/orders/{order.OrderId}?itemId={itemId}", after[^1].Position)).Json.Str("status").ShouldBe("reserved");
        (await QueryAsync(api, "/health/ready")).Json.Str("status").ShouldBe("healthy");

        output.WriteLine(string.Join('\n', _answers.Distinct()));
        _answers.ShouldNotContain(a => a.StartsWith("500", StringComparison.Ordinal));
    }

    private async Task<IReadOnlyList<(string OrderId, string Position)>> PlaceAsync(FlashSaleApiFactory api, string itemId, string prefix, int count)
    {
        var placed = new List<(string, string)>();
        for (var i = 0; i < count; i++)
        {
            var answer = await api.PlaceOrderAsync($"{prefix}-{i}", itemId, $"{prefix}-buyer-{i}");
            _answers.Enqueue($"{(int)answer.Status} POST /api/orders {answer.Code}");
            answer.Status.ShouldBe(HttpStatusCode.Created, answer.ToString());
            placed.Add(($"{prefix}-{i}", answer.String("position")));
        }
        return placed;
    }

    private async Task<QueryAnswer> QueryAsync(FlashSaleApiFactory api, string path, string? minPosition = null, HttpClient? client = null)
    {
        var answer = await (client ?? api.Buyer).QueryAsync(path, minPosition);
        _answers.Enqueue($"{(int)answer.Status} GET {path} {(answer.Status == HttpStatusCode.OK ? "" : answer.Answer.Code)}");
        return answer;
    }

    /// <summary>Polls until the model has applied <paramref name="minPosition"/>; a 503 (behind, store still reconnecting) is a wait.</summary>
    private async Task<QueryAnswer> EventuallyAsync(FlashSaleApiFactory api, string path, string minPosition)
    {
        var deadline = DateTime.UtcNow + CatchUpTimeout;
        while (true)
        {
            var answer = await QueryAsync(api, path, minPosition);
            if (answer.Status == HttpStatusCode.OK) return answer;
            answer.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, answer.ToString());
            if (DateTime.UtcNow > deadline) throw new ShouldAssertException($"{path} did not reach {minPosition} within {CatchUpTimeout}: {answer}");
            await Task.Delay(200);
        }
    }
}
