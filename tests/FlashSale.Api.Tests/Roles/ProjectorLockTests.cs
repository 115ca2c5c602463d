using System.Net;
using FlashSale.Api.Tests.Configuration;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;

namespace FlashSale.Api.Tests.Roles;

/// <summary>
/// Without the projector lease (<c>Projector:LeaseSeconds=0</c>) two processes must not both project one embedded read
/// store: the second refuses to start, naming the holder, instead of silently fighting over the checkpoints. A lock left by
/// a killed holder is stale and taken over.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class ProjectorLockTests : IDisposable
{
    private static readonly Dictionary<string, string> NoLease = new() { ["Projector__LeaseSeconds"] = "0" };
    private readonly RoleProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Fact]
    public async Task a_second_projector_without_lease_on_one_data_directory_stops_with_one_line_and_exit_75()
    {
        var first = await _processes.StartAsync("api,projector,payments", NoLease);

        var second = await ApiStartupRun.RunAsync(Environment(NoLease));

        second.ExitCode.ShouldBe(75, second.ToString());
        var line = second.ErrorLines.ShouldHaveSingleItem(second.ToString());
        line.ShouldContain($"pid {first.Id} on {System.Environment.MachineName}");
        line.ShouldContain("holds projector.lock");
        using var client = first.CreateClient(ApiProcess.OperatorKey);
        (await client.ListItemAsync(Ids.New("still"), 1)).Status.ShouldBe(HttpStatusCode.Created, "the holder is untouched");
    }

    [Fact]
    public async Task processes_that_do_not_project_share_the_directory_with_the_lock_holder()
    {
        var holder = await _processes.StartAsync("api,projector,payments", NoLease);
        var api = await _processes.StartAsync("api", NoLease);
        using var operatorClient = api.CreateClient(ApiProcess.OperatorKey);
        var itemId = Ids.New("shared");

        (await operatorClient.ListItemAsync(itemId, 1)).Status.ShouldBe(HttpStatusCode.Created);
        using var buyer = holder.CreateClient();
        (await buyer.QueryUntilAsync($"/api/items/{itemId}", a => a.Status == HttpStatusCode.OK, TimeSpan.FromSeconds(30),
            "the holder's projector to apply the other process's listing")).Json.Int("available").ShouldBe(1);
    }

    [Fact]
    public async Task the_lock_of_a_killed_holder_is_stale_and_the_next_projector_takes_it_over()
    {
        var first = await _processes.StartAsync("api,projector,payments", NoLease);
        var pid = first.Id;
        first.Kill();
        File.Exists(Path.Combine(_processes.Data.Path, "projector.lock.owner")).ShouldBeTrue("kill -9 leaves the lock file behind");

        var next = await _processes.StartAsync("api,projector,payments", NoLease);

        (await Readiness.RolesOfAsync(next)).Projector.ShouldBe("leader");
        next.Output.ShouldContain($"pid {pid} on");
        next.Output.ShouldContain("taken over");
    }

    private Dictionary<string, string> Environment(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiProcess.FreePort()}",
            ["Storage__DataDirectory"] = _processes.Data.Path,
            ["Operators__ApiKey"] = ApiProcess.OperatorKey,
            ["Payments__CallbackSecret"] = ApiCalls.CallbackSecret,
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return environment;
    }
}
