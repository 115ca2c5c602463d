using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Health;

/// <summary>Readiness says which of two processes on one store charges payments (leader) and which waits (standby).</summary>
public sealed class PaymentsRoleReadinessTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "flashsale-api-tests", Guid.NewGuid().ToString("N"));
    private readonly List<FlashSaleApiFactory> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts) host.Dispose();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task of_two_processes_with_the_payments_processor_one_is_leader_and_the_other_standby()
    {
        Directory.CreateDirectory(_data);
        var first = Host("first");
        await first.Buyer.QueryUntilAsync("/health/ready", a => a.Json.Str("payments") == "leader", TimeSpan.FromSeconds(20),
            "the first process to take the lease");
        var second = Host("second");
        var ready = await second.Buyer.QueryAsync("/health/ready");
        for (var i = 0; i < 5; i++, ready = await second.Buyer.QueryAsync("/health/ready")) await Task.Delay(200);

        ready.Json.Str("payments").ShouldBe("standby");
        (await first.Buyer.QueryAsync("/health/ready")).Json.Str("payments").ShouldBe("leader");
    }

    [Fact]
    public async Task a_process_without_payments_says_off()
    {
        var host = new FlashSaleApiFactory(new Dictionary<string, string?> { ["Payments:Enabled"] = "false" });
        _hosts.Add(host);

        (await host.Buyer.QueryAsync("/health/ready")).Json.Str("payments").ShouldBe("off");
    }

    private FlashSaleApiFactory Host(string name)
    {
        var host = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = _data,
            ["Payments:ProcessorEnabled"] = "true",
            ["Payments:InstanceId"] = name,
            ["Payments:LeaseRenewSeconds"] = "0.2",
            ["Payments:LeaseSeconds"] = "10",
        });
        _hosts.Add(host);
        return host;
    }
}
