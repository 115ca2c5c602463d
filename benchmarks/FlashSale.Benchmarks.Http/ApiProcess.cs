using System.Security.Cryptography;
using ChildApi = FlashSale.Testing.Processes.ApiProcess;
using ChildApiStart = FlashSale.Testing.Processes.ApiProcessStart;

namespace FlashSale.Benchmarks.Http;

/// <summary>
/// The real API in its own process (the Release build given), on a free loopback port and a fresh temporary data
/// directory with the default (SQLite) stores; for a split build (<see cref="ApiBuild.Split"/>) a worker process
/// (<c>Roles=projector,payments</c>) beside it on the same directory. Killed and the directory deleted on dispose,
/// whatever happened.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    public const string ApiRoles = "api";
    public const string WorkerRoles = "projector,payments";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "flashsale-bench-http");
    private readonly ChildApi _process;
    private readonly ChildApi? _worker;

    private ApiProcess(ChildApi process, ChildApi? worker, string dataDirectory, string operatorKey)
    {
        (_process, _worker, DataDirectory, OperatorKey) = (process, worker, dataDirectory, operatorKey);
    }

    /// <summary>The process buyers talk to.</summary>
    public Uri Url => _process.BaseAddress;
    public string DataDirectory { get; }
    public string OperatorKey { get; }

    /// <summary>Every process of the build (the API, then its worker if split): the CPU of an order is theirs together.</summary>
    public IReadOnlyList<int> Pids => _worker is null ? [_process.Id] : [_process.Id, _worker.Id];

    public static async Task<ApiProcess> StartAsync(ApiBuild build, IReadOnlyDictionary<string, string> settings)
    {
        var dataDirectory = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var operatorKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var all = new Dictionary<string, string>
        {
            ["Operators:ApiKey"] = operatorKey,
            ["Payments:CallbackSecret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            // The crowd is the benchmark's; payments would add their own appends, and 60 orders a minute per user
            // would answer most of it 429 (as in `flashsale loadtest` without --url).
            ["Payments:ProcessorEnabled"] = "false",
            ["RateLimiting:OrdersPerUser:PermitLimit"] = "100000000",
        };
        foreach (var (key, value) in settings) all[key] = value;
        if (build.Split) all["Roles"] = ApiRoles;
        var logFile = Path.Combine(Root, $"api-{Path.GetFileName(dataDirectory)}.log");
        ChildApi? process = null;
        try
        {
            process = await StartChildAsync(build, dataDirectory, all, logFile);
            var worker = build.Split
                ? await StartChildAsync(build, dataDirectory, new Dictionary<string, string>(all) { ["Roles"] = WorkerRoles },
                    logFile = Path.Combine(Root, $"worker-{Path.GetFileName(dataDirectory)}.log"))
                : null;
            return new ApiProcess(process, worker, dataDirectory, operatorKey);
        }
        catch (Exception ex)
        {
            if (process is not null) await process.DisposeAsync();
            DeleteDataDirectory(dataDirectory);
            throw new InvalidOperationException($"{ex.Message.Split('\n')[0]} Its output: {logFile}", ex);
        }
    }

    // The data directory as the content root: the API runs on its built-in defaults, not on an appsettings.json.
    private static Task<ChildApi> StartChildAsync(ApiBuild build, string dataDirectory, IReadOnlyDictionary<string, string> settings,
        string logFile) =>
        ChildApi.StartAsync(new ChildApiStart(build.Dll, ChildApi.FreePort(), dataDirectory)
        {
            Settings = settings,
            WorkingDirectory = dataDirectory,
            HealthTimeout = TimeSpan.FromSeconds(90),
            OutputFile = logFile,
        });

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        if (_worker is not null) await _worker.DisposeAsync();
        DeleteDataDirectory(DataDirectory);
    }

    private static void DeleteDataDirectory(string dataDirectory)
    {
        try { Directory.Delete(dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
