using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Process;

/// <summary>The API processes of these tests: the built API next to the tests, the operator key and callback secret
/// of the fixtures, the payments processor off unless a test turns it on, warnings only, no per-user rate limit in the way.</summary>
public static class ApiProcesses
{
    private static readonly TimeSpan CatchUpTimeout = TimeSpan.FromSeconds(120);
    // A start on a loaded machine (CI running builds next to the tests) can take well over the default 30 s.
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(120);

    extension(ApiProcess)
    {
        public static string OperatorKey => "process-operator-key";

        public static string ApiAssembly => Path.Combine(AppContext.BaseDirectory, "FlashSale.Api.dll");

        /// <summary>Starts the API on <paramref name="dataDirectory"/> and <paramref name="port"/> and waits until /health answers 200
        /// and (unless <paramref name="waitUntilCaughtUp"/> is false) readiness no longer says it is catching up with the log.</summary>
        public static Task<ApiProcess> StartAsync(string dataDirectory, int port, IReadOnlyDictionary<string, string>? settings = null,
            bool waitUntilCaughtUp = true)
        {
            var all = new Dictionary<string, string>
            {
                ["Operators__ApiKey"] = ApiProcess.OperatorKey,
                ["Payments__ProcessorEnabled"] = "false",
                ["Payments__CallbackSecret"] = ApiCalls.CallbackSecret,
                ["Logging__LogLevel__Default"] = "Warning",
                ["RateLimiting__OrdersPerUser__PermitLimit"] = "1000000",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) all[key] = value;
            return ApiProcess.StartAsync(new ApiProcessStart(ApiProcess.ApiAssembly, port, dataDirectory)
            {
                Settings = all,
                HealthTimeout = HealthTimeout,
                CatchUpTimeout = waitUntilCaughtUp ? CatchUpTimeout : null,
            });
        }
    }
}
