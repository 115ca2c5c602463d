using System.Collections.Concurrent;
using System.Net;
using FlashSale.Api.Tests.EventStoreDb;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Logging;
using FlashSale.Application.CommandPath.Resilience;
using FlashSale.Domain.Items;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.Api.Tests.Resilience;

/// <summary>A real outage: the EventStoreDB node is stopped and started again while buyers keep ordering.</summary>
public sealed class OutageOnEventStoreDbTests : IAsyncLifetime
{
    private const int Buyers = 8;
    private readonly CapturedLogs _logs = new();
    private EventStoreDbApi _app = null!;

    public async Task InitializeAsync() => _app = await EventStoreDbApi.StartAsync(new Dictionary<string, string?>
    {
        ["CommandPath:CircuitBreaker:BreakSeconds"] = "0.5",
        ["CommandPath:CircuitBreaker:MaxBreakSeconds"] = "1",
    }, _logs);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task the_node_going_down_and_up_under_load_opens_and_closes_the_circuit_and_loses_no_acknowledged_order()
    {
        var api = _app.Api;
        var states = new ConcurrentQueue<BreakerState>();
        api.Services.GetRequiredService<ICircuitState>().StateChanged += states.Enqueue;
        // One item per buyer: each item has one writer, and the adapter retries an unreachable node for about 1.5 s per call.
        for (var b = 0; b < Buyers; b++)
            (await api.ListItemAsync($"outage-{b}", stock: 100_000, perUserLimit: 100_000)).Status.ShouldBe(HttpStatusCode.Created);
        var answers = new ConcurrentQueue<(string OrderId, HttpAnswer Answer, bool AfterRestart)>();
        var restarted = false;
        using var stop = new CancellationTokenSource();
        var buyers = Enumerable.Range(0, Buyers).Select(b => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var orderId = $"order-{b}-{n}";
                var afterRestart = Volatile.Read(ref restarted);
                answers.Enqueue((orderId, await api.Buyer.PlaceOrderAsync(orderId, $"outage-{b}", $"buyer-{b}"), afterRestart));
            }
        })).ToList();

        await Task.Delay(TimeSpan.FromSeconds(1));
        await _app.Server.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(4));
        await _app.Server.StartAgainAsync();
        Volatile.Write(ref restarted, true);
        await Task.Delay(TimeSpan.FromSeconds(4));
        await stop.CancelAsync();
        await Task.WhenAll(buyers);

        var byCode = answers.GroupBy(a => a.Answer.Status == HttpStatusCode.Created ? "201" : $"{(int)a.Answer.Status} {a.Answer.Code}")
            .ToDictionary(g => g.Key, g => g.Count());
        // An unexpected answer is explained by the error the API logged for it.
        var summary = string.Join(", ", byCode.Select(kv => $"{kv.Key}: {kv.Value}")) + "\n" + string.Join("\n",
            _logs.Lines.Where(l => l.Level >= LogLevel.Error).Take(5).Select(l => $"{l.Category} {l.Event}: {l.Message}\n{l.Error}"));
        byCode.Keys.ShouldBeSubsetOf(["201", "503 event_store.unavailable", "503 event_store.timeout", "503 event_store.circuit_open"], summary);
        byCode.ShouldContainKey("503 event_store.circuit_open", summary);
        states.ShouldContain(BreakerState.Open);
        states.Last().ShouldBe(BreakerState.Closed, string.Join(" -> ", states));
        answers.Where(a => a.AfterRestart).TakeLast(20).ShouldAllBe(a => a.Answer.Status == HttpStatusCode.Created, summary);

        var acknowledged = answers.Where(a => a.Answer.Status == HttpStatusCode.Created).Select(a => a.OrderId).ToList();
        var reserved = new HashSet<string>();
        for (var b = 0; b < Buyers; b++)
            reserved.UnionWith((await api.ReadItemAsync($"outage-{b}")).OfType<StockReserved>().Select(r => r.OrderId));
        acknowledged.Where(id => !reserved.Contains(id)).ShouldBeEmpty("acknowledged orders missing from the log");
    }
}
