using System.Collections.Concurrent;
using Stopwatch = System.Diagnostics.Stopwatch;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.EventStore.Sqlite;
using FlashSale.ReadModels.Sqlite;
using FlashSale.ReadModels.Storage;
using Xunit.Abstractions;

namespace FlashSale.Api.Tests.Process;

/// <summary>SIGTERM while a crowd places orders on kept-alive connections: the real process, the real signal.</summary>
[Collection(ProcessCollection.Name)]
public sealed class GracefulShutdownUnderLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 32;
    private const int TimeoutSeconds = 30;
    private const int DrainSeconds = 3;
    private readonly TempDataDirectory _data = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _terminatedAt = long.MaxValue;

    private sealed record Answer(string OrderId, HttpStatusCode Status, string? Code, bool ConnectionClose, TimeSpan At);

    private sealed record Probe(TimeSpan At, HttpStatusCode? Status, string? BodyStatus);

    [Fact]
    public async Task sigterm_under_load_answers_every_request_drains_every_batch_and_exits_0_within_the_timeout()
    {
        using var api = await ApiProcess.StartAsync(_data.Path, ApiProcess.FreePort(), new Dictionary<string, string>
        {
            ["Shutdown__TimeoutSeconds"] = TimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Shutdown__DrainSeconds"] = DrainSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Logging__LogLevel__FlashSale.Api.Shutdown"] = "Information",
        });
        var itemId = Ids.New("sigterm");
        using (var operatorClient = api.CreateClient(ApiProcess.OperatorKey))
            (await operatorClient.ListItemAsync(itemId, stock: 1_000_000, perUserLimit: 1)).Status.ShouldBe(HttpStatusCode.Created);

        var answers = new ConcurrentQueue<Answer>();
        var failures = new ConcurrentQueue<string>();
        var refusedAt = new ConcurrentQueue<TimeSpan>();
        using var buyer = api.CreateClient(maxConnections: Clients);
        using var safety = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var load = Enumerable.Range(0, Clients).Select(c => Task.Run(() => BuyUntilRefusedAsync(buyer, itemId, c, answers, failures, refusedAt, safety.Token))).ToList();
        var probes = new ConcurrentQueue<Probe>();
        var readiness = Task.Run(() => ProbeUntilRefusedAsync(api, probes, safety.Token));

        var deadline = _clock.Elapsed + TimeSpan.FromSeconds(30);
        while ((_clock.Elapsed < TimeSpan.FromSeconds(1) || answers.Count < 300) && _clock.Elapsed < deadline && failures.IsEmpty)
            await Task.Delay(50);
        failures.ShouldBeEmpty("before SIGTERM");
        answers.Count.ShouldBeGreaterThan(0, api.Output);

        var terminated = _clock.Elapsed;
        Volatile.Write(ref _terminatedAt, terminated.Ticks);
        await api.TerminateAsync();
        var exitCode = await api.WaitForExitAsync(TimeSpan.FromSeconds(TimeoutSeconds));
        var exitedAfter = _clock.Elapsed - terminated;
        await Task.WhenAll(load);
        await readiness;
        output.WriteLine($"exit {exitCode?.ToString() ?? "none"} {exitedAfter.TotalSeconds:F1} s after SIGTERM; " +
                         $"{answers.Count(a => a.Status == HttpStatusCode.Created)} x 201 ({answers.Count(a => a.Status == HttpStatusCode.Created && a.At > terminated)} after SIGTERM), " +
                         $"{answers.Count(a => a.Code == "server.stopping")} x 503 server.stopping, {refusedAt.Count} refused; " +
                         $"readiness: {string.Join(", ", probes.Where(p => p.At > terminated).Select(p => p.BodyStatus ?? "refused").Distinct())}");

        exitCode.ShouldBe(0, $"the API should exit 0 within Shutdown:TimeoutSeconds={TimeoutSeconds}\n{api.Output}");
        failures.ShouldBeEmpty(api.Output);
        answers.Where(a => a.Code == "server.stopping").ShouldNotBeEmpty("requests during the drain are refused, not left to the closing listener");
        answers.Where(a => a.Code == "server.stopping").ShouldAllBe(a => a.At > terminated && a.ConnectionClose);
        refusedAt.ShouldAllBe(at => at > terminated);

        // Readiness: 200 before, then 503 stopping while the server still listened, then nothing (the listener closed).
        probes.Where(p => p.At < terminated).ShouldAllBe(p => p.Status == HttpStatusCode.OK);
        var closed = probes.Where(p => p.Status is null).Select(p => p.At).DefaultIfEmpty(TimeSpan.MaxValue).Min();
        probes.Where(p => p.At > terminated && p.At < closed).ShouldContain(p => p.Status == HttpStatusCode.ServiceUnavailable && p.BodyStatus == "stopping");

        await using var store = await SqliteEventStore.OpenAsync(EventLog.PathIn(_data.Path));
        var events = await EventLog.ReadItemAsync(store, itemId);
        var reserved = events.OfType<StockReserved>().Select(e => e.OrderId).ToHashSet();
        foreach (var created in answers.Where(a => a.Status == HttpStatusCode.Created))
            reserved.ShouldContain(created.OrderId, $"{created.OrderId} was answered 201 but its reservation is not in the log");

        // The projections applied the last batches before they stopped: their checkpoints are the head of the log.
        var head = await store.ReadHeadPositionAsync();
        await using var readModels = SqliteReadModelStore.Open(Path.Combine(_data.Path, "readmodels.db"));
        (await readModels.ReadCheckpointsAsync()).Where(c => c.Slot == ReadModelSlot.Live)
            .ShouldAllBe(c => c.Position == head && c.State == ProjectionStates.Stopped);
    }

    private async Task BuyUntilRefusedAsync(HttpClient buyer, string itemId, int client, ConcurrentQueue<Answer> answers,
        ConcurrentQueue<string> failures, ConcurrentQueue<TimeSpan> refusedAt, CancellationToken cancellationToken)
    {
        for (var n = 0; !cancellationToken.IsCancellationRequested; n++)
        {
            var orderId = $"term-{client}-{n}";
            try
            {
                using var response = await buyer.PostAsJsonAsync("/api/orders",
                    new { orderId, itemId, userId = $"buyer-{client}-{n}", quantity = 1 }, cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                var code = response.IsSuccessStatusCode ? null : CodeOf(body);
                answers.Enqueue(new Answer(orderId, response.StatusCode, code, response.Headers.ConnectionClose == true, _clock.Elapsed));
                if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict) continue;
                // Told to go elsewhere (Connection: close), a client does: one that kept opening new connections to a
                // stopping instance could always be reset by the listener closing under a connection it just opened.
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable && code == "server.stopping") return;
                failures.Enqueue($"{orderId}: {(int)response.StatusCode} {body}");
                return;
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                refusedAt.Enqueue(_clock.Elapsed);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                failures.Enqueue($"{orderId} at {_clock.Elapsed.TotalSeconds:F2} s (SIGTERM at {TerminatedAt}): {e.GetType().Name}: {e.Message} " +
                                 $"{e.InnerException?.GetType().Name}: {e.InnerException?.Message}");
                return;
            }
        }
    }

    private async Task ProbeUntilRefusedAsync(ApiProcess api, ConcurrentQueue<Probe> probes, CancellationToken cancellationToken)
    {
        using var client = api.CreateClient(maxConnections: 1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var response = await client.GetAsync("/health/ready", cancellationToken);
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                probes.Enqueue(new Probe(_clock.Elapsed, response.StatusCode,
                    JsonDocument.Parse(body).RootElement.GetProperty("status").GetString()));
            }
            catch (HttpRequestException)
            {
                // Refused, or the probe's idle connection closed under it: either way the listener is gone.
                probes.Enqueue(new Probe(_clock.Elapsed, null, null));
                return;
            }
            await Task.Delay(25, cancellationToken);
        }
    }

    private string TerminatedAt => Volatile.Read(ref _terminatedAt) == long.MaxValue ? "not yet" : $"{TimeSpan.FromTicks(_terminatedAt).TotalSeconds:F2} s";

    private static string? CodeOf(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Dispose() => _data.Dispose();
}
