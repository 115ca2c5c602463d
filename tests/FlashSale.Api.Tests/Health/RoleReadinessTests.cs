using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Health;

/// <summary>Readiness says which of two processes on one store holds a role's lease (leader) and which waits
/// (standby), and that a graceful stop hands the lease over; run once per leased role.</summary>
public abstract class RoleReadinessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flashsale-api-tests", Guid.NewGuid().ToString("N"));
    private readonly List<FlashSaleApiFactory> _hosts = [];

    /// <summary>The role's field in the readiness body.</summary>
    protected abstract string Role { get; }

    /// <summary>The settings of a process that takes the role as <paramref name="instanceId"/>, renewing its lease
    /// every 0.2 s, for 30 s.</summary>
    protected abstract Dictionary<string, string?> WithRole(string instanceId);

    protected abstract Dictionary<string, string?> WithoutRole { get; }

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task of_two_processes_with_the_role_one_is_leader_and_the_other_standby_and_it_takes_over_after_a_graceful_stop()
    {
        Directory.CreateDirectory(_data);
        var first = Host("first");
        await first.Buyer.QueryUntilAsync("/health/ready", a => a.Json.Str(Role) == "leader", TimeSpan.FromSeconds(20), "the first lease");
        var second = Host("second");
        for (var i = 0; i < 5; i++) await Task.Delay(200);

        (await second.Buyer.QueryAsync("/health/ready")).Json.Str(Role).ShouldBe("standby");
        (await first.Buyer.QueryAsync("/health/ready")).Json.Str(Role).ShouldBe("leader");

        await first.DisposeAsync(); // a graceful stop gives the lease up: no waiting for it to expire
        await second.Buyer.QueryUntilAsync("/health/ready", a => a.Json.Str(Role) == "leader", TimeSpan.FromSeconds(8),
            "the standby to take the released lease well before the 30 s term would have run out");
    }

    [Fact]
    public async Task a_process_without_the_role_says_off()
    {
        var host = new FlashSaleApiFactory(WithoutRole);
        _hosts.Add(host);

        (await host.Buyer.QueryAsync("/health/ready")).Json.Str(Role).ShouldBe("off");
    }

    private FlashSaleApiFactory Host(string instanceId)
    {
        var settings = WithRole(instanceId);
        settings["Storage:DataDirectory"] = _data;
        var host = new FlashSaleApiFactory(settings);
        _hosts.Add(host);
        return host;
    }
}
