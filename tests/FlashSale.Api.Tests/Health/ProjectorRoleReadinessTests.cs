using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Health;

/// <summary>Readiness says which of two processes on one store runs the projections (leader) and which waits (standby).</summary>
public sealed class ProjectorRoleReadinessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flashsale-api-tests", Guid.NewGuid().ToString("N"));
    private readonly List<FlashSaleApiFactory> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task of_two_projector_processes_one_is_leader_and_the_other_standby_and_it_takes_over_after_a_graceful_stop()
    {
        Directory.CreateDirectory(_data);
        var first = Host("first");
        await first.Buyer.QueryUntilAsync("/health/ready", a => a.Json.Str("projector") == "leader", TimeSpan.FromSeconds(20), "the first lease");
        var second = Host("second");
        for (var i = 0; i < 5; i++) await Task.Delay(200);

        (await second.Buyer.QueryAsync("/health/ready")).Json.Str("projector").ShouldBe("standby");
        (await first.Buyer.QueryAsync("/health/ready")).Json.Str("projector").ShouldBe("leader");

        await first.DisposeAsync(); // a graceful stop gives the lease up: no waiting for it to expire
        await second.Buyer.QueryUntilAsync("/health/ready", a => a.Json.Str("projector") == "leader", TimeSpan.FromSeconds(8),
            "the standby to take the released lease well before the 30 s term would have run out");
    }

    [Fact]
    public async Task a_process_without_the_projector_role_says_off()
    {
        var host = new FlashSaleApiFactory(new Dictionary<string, string?> { ["Roles"] = "api,payments" });
        _hosts.Add(host);

        (await host.Buyer.QueryAsync("/health/ready")).Json.Str("projector").ShouldBe("off");
    }

    private FlashSaleApiFactory Host(string name)
    {
        var host = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _data,
            ["Projector:InstanceId"] = name,
            ["Projector:LeaseRenewSeconds"] = "0.2",
            ["Projector:LeaseSeconds"] = "30",
        });
        _hosts.Add(host);
        return host;
    }
}
