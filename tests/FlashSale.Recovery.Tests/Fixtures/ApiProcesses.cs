namespace FlashSale.Recovery.Tests.Fixtures;

/// <summary>The API processes of these tests: the built API next to the tests on a data directory, the payments
/// processor off, warnings only, no per-user rate limit in the way.</summary>
public static class ApiProcesses
{
    private const string CallbackSecret = "recovery-callback-secret-0123456789abcdef";

    extension(ApiProcess)
    {
        public static string OperatorKey => "recovery-operator-key";

        /// <param name="settings">Environment entries on top of the defaults (<c>CommandPath__SnapshotEvery</c>, log levels).</param>
        public static Task<ApiProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
        {
            var environment = new Dictionary<string, string>
            {
                ["Operators__ApiKey"] = ApiProcess.OperatorKey,
                ["Payments__ProcessorEnabled"] = "false",
                ["Payments__CallbackSecret"] = CallbackSecret,
                ["Logging__LogLevel__Default"] = "Warning",
                ["RateLimiting__OrdersPerUser__PermitLimit"] = "1000000",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) environment[key] = value;
            return ApiProcess.StartAsync(new ApiProcessStart(Path.Combine(AppContext.BaseDirectory, "FlashSale.Api.dll"), ApiProcess.FreePort(), dataDirectory)
            {
                Settings = environment,
                HealthTimeout = TimeSpan.FromSeconds(60),
            });
        }
    }
}
