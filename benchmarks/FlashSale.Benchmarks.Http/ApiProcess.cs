using System.Security.Cryptography;
using ChildApi = FlashSale.Testing.Processes.ApiProcess;
using ChildApiStart = FlashSale.Testing.Processes.ApiProcessStart;

namespace FlashSale.Benchmarks.Http;

/// <summary>
/// The real API in its own process (the Release build given), on a free loopback port and a fresh temporary data
/// directory with the default (SQLite) stores. Killed and its directory deleted on dispose, whatever happened.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "flashsale-bench-http");
    private readonly ChildApi _process;

    private ApiProcess(ChildApi process, string dataDirectory, string operatorKey)
    {
        (_process, DataDirectory, OperatorKey) = (process, dataDirectory, operatorKey);
    }

    public Uri Url => _process.BaseAddress;
    public string DataDirectory { get; }
    public string OperatorKey { get; }
    public int Pid => _process.Id;

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
        var logFile = Path.Combine(Root, $"api-{Path.GetFileName(dataDirectory)}.log");
        try
        {
            // The data directory as the content root: the API runs on its built-in defaults, not on an appsettings.json.
            var process = await ChildApi.StartAsync(new ChildApiStart(build.Dll, ChildApi.FreePort(), dataDirectory)
            {
                Settings = all,
                WorkingDirectory = dataDirectory,
                HealthTimeout = TimeSpan.FromSeconds(90),
                OutputFile = logFile,
            });
            return new ApiProcess(process, dataDirectory, operatorKey);
        }
        catch (Exception ex)
        {
            DeleteDataDirectory(dataDirectory);
            throw new InvalidOperationException($"{ex.Message.Split('\n')[0]} Its output: {logFile}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        DeleteDataDirectory(DataDirectory);
    }

    private static void DeleteDataDirectory(string dataDirectory)
    {
        try { Directory.Delete(dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
