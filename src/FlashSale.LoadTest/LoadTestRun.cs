using FlashSale.LoadTest.Checks;
using FlashSale.LoadTest.Crowd;
using FlashSale.LoadTest.Http;
using FlashSale.LoadTest.Recording;
using FlashSale.LoadTest.Report;

namespace FlashSale.LoadTest;

/// <summary>One load test: list the items, send the crowd, check the books against the read models, report.
/// <see cref="Progress"/> may be polled while <see cref="RunAsync"/> runs.</summary>
public sealed class LoadTestRun(LoadTestOptions options, HttpMessageHandler? handler = null, TimeProvider? clock = null)
{
    private readonly LoadRecorder _recorder = new();

    public string RunId { get; } = "lt" + Guid.NewGuid().ToString("N")[..8];

    public LiveProgress Progress() => _recorder.Progress();

    public async Task<LoadTestReport> RunAsync(CancellationToken cancellationToken)
    {
        var problems = options.Problems().ToList();
        if (problems.Count > 0) throw new ArgumentException(string.Join(" ", problems));
        var started = DateTimeOffset.UtcNow;
        using var http = new HttpClient(handler ?? Connections(options.Concurrency), disposeHandler: handler is null)
        {
            BaseAddress = options.Url,
            Timeout = TimeSpan.FromSeconds(30),
        };
        var api = new FlashSaleHttp(http, options.OperatorKey, options.CallbackSecret, clock ?? TimeProvider.System);
        var stockOf = await ListItemsAsync(api, cancellationToken);
        var ledger = new CrowdLedger(stockOf.Keys);
        var recorder = _recorder;
        await new Buyers(options, api, [.. stockOf.Keys], RunId, recorder, ledger).RunAsync(cancellationToken);
        var recorded = recorder.Finish();
        var (checks, items) = await new CorrectnessChecks(options, new ReadModelReader(api, TimeSpan.FromSeconds(60)), ledger, stockOf)
            .RunAsync(recorder.ServerErrors, cancellationToken);
        return ReportOf(started, recorded, ledger, items, checks);
    }

    private async Task<Dictionary<string, int>> ListItemsAsync(FlashSaleHttp api, CancellationToken ct)
    {
        var stockOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 1; i <= options.Items; i++)
        {
            var itemId = $"{RunId}-item{i}";
            var answer = await api.ListItemAsync(itemId, $"Load test item {i}", options.Stock, options.PerUserLimit, ct);
            if (answer.Status != 201)
                throw new LoadTestException($"listing {itemId} at {options.Url} answered {(answer.Status == 0 ? "nothing" : answer.Status)}: {answer.Body}");
            stockOf[itemId] = options.Stock;
        }
        return stockOf;
    }

    private LoadTestReport ReportOf(DateTimeOffset started, RecordedRun run, CrowdLedger ledger, IReadOnlyList<ItemResult> items, IReadOnlyList<CheckResult> checks)
    {
        var seconds = Math.Max(run.Elapsed.TotalSeconds, 0.001);
        var rejected = items.Sum(i => i.Rejected);
        var settings = new RunSettings(RunId, options.Url.ToString(), options.Items, options.Stock, options.PerUserLimit, options.Concurrency,
            options.Users, options.Popularity, options.ZipfS, options.RepeatShare, options.ConfirmRate, options.Orders,
            options.Duration?.TotalSeconds, started);
        var totals = new RunTotals(Math.Round(seconds, 3), run.Attempts, run.Attempts - ledger.Repeats, ledger.Repeats, run.Accepted, rejected,
            run.Errors, run.Confirmed, Math.Round(run.Attempts / seconds, 1), Math.Round(run.Accepted / seconds, 1));
        return new LoadTestReport(settings, totals, run.Latency, run.ByStatus, run.ByCode, items, checks, run.Timeline);
    }

    private static SocketsHttpHandler Connections(int concurrency) => new()
    {
        MaxConnectionsPerServer = concurrency,
        PooledConnectionLifetime = TimeSpan.FromMinutes(15),
    };
}

/// <summary>The run could not start or go on (the API refused to list the items, is unreachable, ...).</summary>
public sealed class LoadTestException(string message) : Exception(message);
