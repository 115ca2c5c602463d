using FlashSale.Contracts;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Subscriptions.Status;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>
/// The API in memory on a fresh data directory (deleted on dispose), with a known operator key. The payment
/// processor is off unless a test turns it on, so no reservation is charged or released behind a test's back.
/// </summary>
public sealed class FlashSaleApiFactory : WebApplicationFactory<Program>
{
    public const string OperatorKey = "test-operator-key-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private HttpClient? _buyer;
    private HttpClient? _operator;

    public FlashSaleApiFactory() : this(new Dictionary<string, string?>()) { }

    /// <param name="settings">Configuration overrides (<c>Payments:TimeoutRate</c> = <c>1</c>, ...).</param>
    internal FlashSaleApiFactory(IReadOnlyDictionary<string, string?> settings)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "flashsale-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new(StringComparer.OrdinalIgnoreCase)
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Operators:ApiKey"] = OperatorKey,
            ["Payments:ProcessorEnabled"] = "false",
            ["Payments:CallbackSecret"] = ApiCalls.CallbackSecret,
            // Tests assert gauges as of the scrape; a host in production serves a snapshot refreshed on a timer.
            ["Metrics:RefreshSeconds"] = "0",
            // Tests place hundreds of orders per user at once (600 orders by 7 buyers); limit tests set their own.
            ["RateLimiting:OrdersPerUser:PermitLimit"] = "1000000",
            // Commands wait for the order index to catch up rather than answer 503 on a busy machine; restart tests set their own.
            ["Restart:IndexWaitSeconds"] = "30",
        };
        foreach (var (key, value) in settings) _settings[key] = value;
    }

    public string DataDirectory { get; }

    /// <summary>Whether the start waits for the followers to catch up (false for tests of what a start that has not looks like).</summary>
    internal bool WaitForCatchUp { get; init; } = true;

    /// <summary>Receives the host's log lines (warnings and above) besides the usual providers.</summary>
    internal ILoggerProvider? Logs { get; init; }

    /// <summary>A client without the operator key.</summary>
    public HttpClient Buyer => _buyer ??= CreateBoundedClient();

    /// <summary>A client that sends the operator key.</summary>
    public HttpClient Operator => _operator ??= CreateOperatorClient(OperatorKey);

    public HttpClient CreateOperatorClient(string apiKey)
    {
        var client = CreateBoundedClient();
        client.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, apiKey);
        return client;
    }

    /// <summary>A plain client that gives up after 30 s, so a stuck request fails its test instead of hanging the run.</summary>
    public HttpClient CreateBoundedClient()
    {
        var client = CreateClient();
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    public Task<HttpAnswer> ListItemAsync(string itemId, int stock, int perUserLimit = 1, int? paymentWindowSeconds = null) =>
        Operator.ListItemAsync(itemId, stock, perUserLimit, paymentWindowSeconds);

    public Task<HttpAnswer> PlaceOrderAsync(string orderId, string itemId, string userId, int quantity = 1) =>
        Buyer.PlaceOrderAsync(orderId, itemId, userId, quantity);

    /// <summary>Places one order per (order id, user id) pair, all at once.</summary>
    public async Task<IReadOnlyList<(string OrderId, HttpAnswer Answer)>> PlaceOrdersConcurrentlyAsync(
        string itemId, IEnumerable<(string OrderId, string UserId)> orders, int quantity = 1)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var client = Buyer;
        var calls = orders.Select(async o =>
        {
            await start.Task;
            return (o.OrderId, await client.PlaceOrderAsync(o.OrderId, itemId, o.UserId, quantity));
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(calls);
    }

    public IEventStore Store => Services.GetRequiredService<IEventStore>();

    public Task<IReadOnlyList<ItemEvent>> ReadItemAsync(string itemId) => EventLog.ReadItemAsync(Store, itemId);

    /// <summary>The position of the last event on an item stream: the payments lease's own stream (renewals) is not
    /// part of the sale, so it neither counts as "appended" nor is a position read models reach.</summary>
    public async Task<LogPosition?> HeadAsync()
    {
        LogPosition? last = null;
        await foreach (var recorded in Store.ReadAllAsync(null, int.MaxValue, ItemStreams.Filter)) last = recorded.Position;
        return last;
    }

    /// <summary>The host listens before its followers have caught up with the log (readiness says <c>starting</c>); tests
    /// start from a caught-up API, as they did when the start waited for the order index. A follower that fails (a store down) ends the wait.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (!WaitForCatchUp) return host;
        var followers = host.Services.GetRequiredService<LogFollowers>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (followers.CatchingUp.Any(f => f.State != FollowerState.Faulted) && DateTime.UtcNow < deadline) Thread.Sleep(10);
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureLogging(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Warning);
            if (Logs is not null) logging.AddProvider(Logs);
        });
    }

    protected override void Dispose(bool disposing)
    {
        // The base stops the host first (its DisposeAsync calls back here), so the files are closed by now.
        base.Dispose(disposing);
        if (!disposing) return;
        try
        {
            if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A pooled reader may still hold the file on some platforms; the temp folder is cleaned by the OS.
        }
    }
}

/// <summary>Unique ids per test, so tests sharing one API never collide.</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];
}
