using System.Collections.Concurrent;
using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.Domain.Items;
using FlashSale.Testing.PostgreSql;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace FlashSale.Api.Tests.Marten;

[Collection(PostgresCollection.Name)]
public sealed class DurabilityOnMartenAfterKillTests(PostgresServer server) : IDisposable
{
    private const int Stock = 300;
    private const int Clients = 48;
    private static readonly TimeSpan AcknowledgedTimeout = TimeSpan.FromSeconds(240);
    private readonly TempDataDirectory _data = new();
    private readonly List<ApiProcess> _processes = [];

    [Fact]
    public async Task every_acknowledged_order_is_in_the_postgresql_log_after_a_kill_9_and_repeats_answer_the_same()
    {
        var settings = await MartenApi.SettingsAsync(server, nameof(DurabilityOnMartenAfterKillTests));
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        var port = ApiProcess.FreePort();
        var first = Started(await ApiProcess.StartAsync(_data.Path, port, environment));
        var itemId = Ids.New("durable");
        using (var operatorClient = first.CreateClient(ApiProcess.OperatorKey))
            (await operatorClient.ListItemAsync(itemId, Stock, perUserLimit: 1)).Status.ShouldBe(HttpStatusCode.Created);

        var acknowledged = await AcknowledgedUntilKilledAsync(first, itemId);
        var second = Started(await ApiProcess.StartAsync(_data.Path, port, environment));
        await using var reader = await MartenApi.OpenReaderAsync(settings);
        var events = await EventLog.ReadItemAsync(reader, itemId);

        acknowledged.Count(a => a.Answer.Status == HttpStatusCode.Created).ShouldBeInRange(1, Stock);
        var placed = events.OfType<OrderPlaced>().Select(e => e.OrderId).ToHashSet();
        var reserved = events.OfType<StockReserved>().Select(e => e.OrderId).ToHashSet();
        foreach (var (orderId, _, answer) in acknowledged)
        {
            placed.ShouldContain(orderId, $"acknowledged {answer.Status} for {orderId} but its OrderPlaced is not in the log");
            if (answer.Status == HttpStatusCode.Created) reserved.ShouldContain(orderId);
        }
        events.ShouldNeverOversell();
        var head = await reader.ReadHeadPositionAsync();
        using var buyer = second.CreateClient(maxConnections: 16);
        var mismatches = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(acknowledged.Where((_, i) => i % 3 == 0), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (ack, ct) =>
        {
            var again = await buyer.PlaceOrderAsync(ack.OrderId, itemId, ack.UserId, cancellationToken: ct);
            if (!again.SameAs(ack.Answer)) mismatches.Add($"{ack.OrderId}: before {ack.Answer}, after {again}");
        });
        mismatches.ShouldBeEmpty();
        (await reader.ReadHeadPositionAsync()).ShouldBe(head, "repeats append nothing");
    }

    private static async Task<IReadOnlyList<(string OrderId, string UserId, HttpAnswer Answer)>> AcknowledgedUntilKilledAsync(
        ApiProcess api, string itemId)
    {
        using var buyer = api.CreateClient(maxConnections: Clients);
        var acknowledged = new ConcurrentQueue<(string, string, HttpAnswer)>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var (orderId, userId) = ($"load-{client}-{n}", $"buyer-{client}-{n}");
                try
                {
                    var answer = await buyer.PlaceOrderAsync(orderId, itemId, userId, cancellationToken: stop.Token);
                    if (answer.Status is HttpStatusCode.Created or HttpStatusCode.Conflict) acknowledged.Enqueue((orderId, userId, answer));
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                {
                    // The kill, or a request that timed out on a loaded machine: unacknowledged, so nothing is asserted of it.
                    if (stop.IsCancellationRequested || api.HasExited) return;
                }
            }
        })).ToList();
        // Killed in the middle of the load once both reservations and sold-out answers were acknowledged, however long a
        // loaded machine takes to get there.
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1.5) || acknowledged.Count < Stock + 100)
        {
            if (clock.Elapsed > AcknowledgedTimeout)
                throw new ShouldAssertException($"only {acknowledged.Count} orders were acknowledged within {AcknowledgedTimeout.TotalSeconds} s:\n{api.Output}");
            await Task.Delay(50);
        }
        api.Kill();
        await stop.CancelAsync();
        await Task.WhenAll(load);
        return [.. acknowledged];
    }

    private ApiProcess Started(ApiProcess process)
    {
        _processes.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        _data.Dispose();
    }
}
