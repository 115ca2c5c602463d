using System.Collections.Concurrent;
using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.EventStore.Sqlite;
using Xunit.Abstractions;
using Stopwatch = System.Diagnostics.Stopwatch;

namespace FlashSale.Api.Tests.Process;

[Collection(ProcessCollection.Name)]
public sealed class DurabilityAfterKillTests(ITestOutputHelper output) : IDisposable
{
    private const int Stock = 300;
    private const int Clients = 64;
    private readonly TempDataDirectory _data = new();
    private readonly List<ApiProcess> _processes = [];

    private sealed record Acknowledged(string OrderId, string UserId, HttpAnswer Answer);

    [Fact]
    public async Task every_acknowledged_order_survives_a_kill_9_under_load_and_repeats_identically_after_restart()
    {
        var port = ApiProcess.FreePort();
        var first = Started(await ApiProcess.StartAsync(_data.Path, port));
        var itemId = Ids.New("durable");
        using (var operatorClient = first.CreateClient(ApiProcess.OperatorKey))
            (await operatorClient.ListItemAsync(itemId, Stock, perUserLimit: 1)).Status.ShouldBe(HttpStatusCode.Created);

        var acknowledged = await AcknowledgedUntilKilledAsync(first, itemId);
        output.WriteLine($"acknowledged before the kill: {acknowledged.Count(a => a.Answer.Status == HttpStatusCode.Created)} x 201, " +
                         $"{acknowledged.Count(a => a.Answer.Status == HttpStatusCode.Conflict)} x 409");

        acknowledged.Count(a => a.Answer.Status == HttpStatusCode.Created).ShouldBeInRange(1, Stock);
        acknowledged.ShouldAllBe(a => a.Answer.Status == HttpStatusCode.Created || a.Answer.Code == RejectionReasons.SoldOut);

        var second = Started(await ApiProcess.StartAsync(_data.Path, port));
        await using var store = await SqliteEventStore.OpenAsync(EventLog.PathIn(_data.Path));
        var events = await EventLog.ReadItemAsync(store, itemId);
        output.WriteLine($"in the log after restart: {events.OfType<OrderPlaced>().Count()} placed, " +
                         $"{events.OfType<StockReserved>().Count()} reserved, {events.OfType<OrderRejected>().Count()} rejected");
        var placed = events.OfType<OrderPlaced>().Select(e => e.OrderId).ToHashSet();
        var reserved = events.OfType<StockReserved>().Select(e => e.OrderId).ToHashSet();
        var rejected = events.OfType<OrderRejected>().ToDictionary(e => e.OrderId, e => e.Reason);
        foreach (var ack in acknowledged)
        {
            placed.ShouldContain(ack.OrderId, $"acknowledged {ack.Answer.Status} for {ack.OrderId} but its OrderPlaced is not in the log");
            if (ack.Answer.Status == HttpStatusCode.Created)
                reserved.ShouldContain(ack.OrderId, $"acknowledged 201 for {ack.OrderId} but its StockReserved is not in the log");
            else
                rejected.GetValueOrDefault(ack.OrderId).ShouldBe(ack.Answer.Code, $"acknowledged 409 for {ack.OrderId}");
        }
        events.OfType<StockReserved>().Sum(e => e.Quantity).ShouldBeLessThanOrEqualTo(Stock);
        events.ShouldNeverOversell();

        // Repeats after the crash: the answer comes from the log, so it is the one given before the crash.
        var head = await store.ReadHeadPositionAsync();
        using var buyer = second.CreateClient(maxConnections: 32);
        var repeats = acknowledged.Where((a, i) => a.Answer.Status == HttpStatusCode.Created || i % 4 == 0).ToList();
        var mismatches = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(repeats, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (ack, ct) =>
        {
            var again = await buyer.PlaceOrderAsync(ack.OrderId, itemId, ack.UserId, cancellationToken: ct);
            if (!again.SameAs(ack.Answer)) mismatches.Add($"{ack.OrderId}: before {ack.Answer}, after {again}");
        });
        output.WriteLine($"re-posted {repeats.Count} acknowledged orders after the restart");
        mismatches.ShouldBeEmpty();
        (await store.ReadHeadPositionAsync()).ShouldBe(head, "repeats append nothing");
    }

    /// <summary>
    /// Runs <see cref="Clients"/> buyers, each placing one order after another, and SIGKILLs the API while they are
    /// still going. An order counts as acknowledged only if its whole answer (201 or 409) arrived before the kill.
    /// </summary>
    private static async Task<IReadOnlyList<Acknowledged>> AcknowledgedUntilKilledAsync(ApiProcess api, string itemId)
    {
        using var buyer = api.CreateClient(maxConnections: Clients);
        var acknowledged = new ConcurrentQueue<Acknowledged>();
        using var stop = new CancellationTokenSource();
        var killed = 0;
        var load = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var (orderId, userId) = ($"load-{client}-{n}", $"buyer-{client}-{n}");
                try
                {
                    var answer = await buyer.PlaceOrderAsync(orderId, itemId, userId, cancellationToken: stop.Token);
                    if (answer.Status is HttpStatusCode.Created or HttpStatusCode.Conflict)
                        acknowledged.Enqueue(new Acknowledged(orderId, userId, answer));
                    else if (Volatile.Read(ref killed) == 0)
                        throw new ShouldAssertException($"Unexpected answer under load before the kill: {answer}");
                }
                catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or IOException)
                {
                    if (Volatile.Read(ref killed) == 0 && !stop.IsCancellationRequested)
                        throw new ShouldAssertException($"Order {orderId} failed before the kill: {ex.Message}\n{api.Output}");
                    return;
                }
            }
        })).ToList();

        // Long enough for the item to sell out and for rejections to pile up, so both outcomes are at stake.
        var clock = Stopwatch.StartNew();
        while ((clock.Elapsed < TimeSpan.FromSeconds(1.5) || acknowledged.Count < Stock + 100) && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (load.FirstOrDefault(t => t.IsFaulted) is { } failed) await failed;
            await Task.Delay(50);
        }
        if (load.FirstOrDefault(t => t.IsFaulted) is { } faulted) await faulted;
        Volatile.Write(ref killed, 1);
        load.ShouldAllBe(t => !t.IsCompleted, "the load should still be running when the API is killed");
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
