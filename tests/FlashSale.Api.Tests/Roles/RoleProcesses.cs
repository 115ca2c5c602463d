using System.Text.Json;
using FlashSale.Api.Tests.Process;

namespace FlashSale.Api.Tests.Roles;

/// <summary>Processes of one deployment on one data directory, each with its roles; all killed at the end.</summary>
internal sealed class RoleProcesses : IDisposable
{
    private readonly List<ApiProcess> _processes = [];

    public TempDataDirectory Data { get; } = new();

    /// <summary>Short leases and windows, so a takeover and every settlement happen within a test.</summary>
    public static Dictionary<string, string> FastLeases(string instance) => new()
    {
        ["Payments__ProcessorEnabled"] = "true",
        ["Payments__InstanceId"] = instance,
        ["Payments__LeaseSeconds"] = "4",
        ["Payments__LeaseRenewSeconds"] = "0.5",
        ["Payments__GatewayTimeoutSeconds"] = "1",
        ["Payments__ChargeMarginSeconds"] = "1.5",
        ["Payments__SweepIntervalSeconds"] = "0.2",
        ["Projector__InstanceId"] = instance,
        ["Projector__LeaseSeconds"] = "4",
        ["Projector__LeaseRenewSeconds"] = "0.5",
    };

    public async Task<ApiProcess> StartAsync(string roles, IReadOnlyDictionary<string, string>? settings = null)
    {
        var all = new Dictionary<string, string>(settings ?? new Dictionary<string, string>()) { ["Roles"] = roles };
        var process = await ApiProcess.StartAsync(Data.Path, ApiProcess.FreePort(), all);
        _processes.Add(process);
        return process;
    }

    public void Dispose()
    {
        foreach (var process in _processes) process.Dispose();
        Data.Dispose();
    }
}

internal static class Readiness
{
    /// <summary>(projector, payments) as <c>/health/ready</c> says, or nulls when the process does not answer.</summary>
    public static async Task<(string? Projector, string? Payments)> RolesOfAsync(ApiProcess process)
    {
        try
        {
            using var client = process.CreateClient();
            client.Timeout = TimeSpan.FromSeconds(5);
            using var body = JsonDocument.Parse(await client.GetStringAsync("/health/ready"));
            return (body.RootElement.GetProperty("projector").GetString(), body.RootElement.GetProperty("payments").GetString());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Net.Sockets.SocketException or IOException)
        {
            return (null, null);
        }
    }

    public static async Task<TimeSpan> WaitUntilAsync(ApiProcess process, string projector, string payments, TimeSpan timeout)
    {
        var started = DateTime.UtcNow;
        while (true)
        {
            var roles = await RolesOfAsync(process);
            if (roles == (projector, payments)) return DateTime.UtcNow - started;
            if (DateTime.UtcNow - started > timeout)
                throw new ShouldAssertException($"Readiness said {roles} after {timeout.TotalSeconds} s, not ({projector}, {payments}):\n{process.Output}");
            await Task.Delay(100);
        }
    }
}
