using System.Net;
using FlashSale.Api.Tests.Configuration;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Process;
using FlashSale.Domain.Items;
using FlashSale.EventStore.Sqlite;

namespace FlashSale.Api.Tests.Roles;

/// <summary>
/// Every pair of processes on one SQLite data directory either cooperates safely or the second refuses to start with a
/// clear message, never silently: with leases (the default) the projecting processes elect one leader and the other
/// stands by; without the projector lease a second projector is refused; processes that do not project always share.
/// Two workers: <see cref="WorkerTakeoverTests"/>; <c>all</c> + <c>api</c>: <see cref="TwoApiProcessesOnOneItemTests"/>.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class SharedDataDirectoryTests : IDisposable
{
    private const int Stock = 20;
    private static readonly TimeSpan TakeoverBound = TimeSpan.FromSeconds(4 + 30);
    private readonly RoleProcesses _processes = new();

    public void Dispose() => _processes.Dispose();

    [Theory]
    [InlineData("api,projector,payments", "api,projector,payments")]
    [InlineData("api,projector,payments", "projector,payments")]
    public async Task two_projecting_processes_elect_one_leader_the_other_stands_by_and_takes_over_after_kill_9(string first, string second)
    {
        var leader = await _processes.StartAsync(first, RoleProcesses.FastLeases("first"));
        await Readiness.WaitUntilAsync(leader, "leader", "leader", TimeSpan.FromSeconds(60));
        var standby = await _processes.StartAsync(second, RoleProcesses.FastLeases("second"));
        await Readiness.WaitUntilAsync(standby, "standby", "standby", TimeSpan.FromSeconds(60));
        var itemId = Ids.New("shared");
        using (var operatorClient = leader.CreateClient(ApiProcess.OperatorKey))
            (await operatorClient.ListItemAsync(itemId, Stock, paymentWindowSeconds: 6)).Status.ShouldBe(HttpStatusCode.Created);
        using (var buyer = leader.CreateClient())
            for (var i = 0; i < 10; i++)
                (await buyer.PlaceOrderAsync($"order-{i}", itemId, $"user-{i}")).Status.ShouldBe(HttpStatusCode.Created);

        var log = await EventLog.WaitForAsync(() => EventLog.ReadItemAsync(_processes.Data.Path, itemId), Settlement.AllSettled,
            TimeSpan.FromSeconds(90), "the leader to settle every reservation");
        var inventory = await Settlement.ItemAfterAsync(leader, itemId, await LastPositionAsync(itemId));
        inventory.Json.Int("sold").ShouldBe(log.OfType<PaymentConfirmed>().Sum(e => e.Quantity), "projected once, by the leader alone");
        inventory.Json.Int("reserved").ShouldBe(0, inventory.ToString());
        leader.Kill();

        await Readiness.WaitUntilAsync(standby, "leader", "leader", TakeoverBound);
        File.ReadAllText(Path.Combine(_processes.Data.Path, "projector.lock.owner")).ShouldStartWith($"pid {standby.Id} on");
    }

    [Theory]
    [InlineData("api,projector,payments", "api,projector,payments")]
    [InlineData("api,projector,payments", "projector,payments")]
    [InlineData("projector,payments", "projector,payments")]
    [InlineData("projector,payments", "api,projector,payments")]
    public async Task without_the_projector_lease_a_second_projector_is_refused_with_exit_75_naming_the_holder(string first, string second)
    {
        var noLease = new Dictionary<string, string> { ["Projector__LeaseSeconds"] = "0" };
        var holder = await _processes.StartAsync(first, noLease);

        var refused = await ApiStartupRun.RunAsync(Environment(second, noLease));

        refused.ExitCode.ShouldBe(75, refused.ToString());
        var line = refused.ErrorLines.ShouldHaveSingleItem(refused.ToString());
        line.ShouldContain($"pid {holder.Id} on {System.Environment.MachineName}");
        line.ShouldContain("holds projector.lock");
        holder.HasExited.ShouldBeFalse("the holder is untouched");
    }

    [Fact]
    public async Task two_api_processes_without_a_projector_share_one_item_never_oversell_and_hold_no_lease()
    {
        var a = await _processes.StartAsync("api");
        var b = await _processes.StartAsync("api");
        var itemId = Ids.New("api-api");
        using (var operatorClient = a.CreateClient(ApiProcess.OperatorKey))
            (await operatorClient.ListItemAsync(itemId, Stock)).Status.ShouldBe(HttpStatusCode.Created);
        using var buyerA = a.CreateClient();
        using var buyerB = b.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 2 * Stock).Select(i =>
            (i % 2 == 0 ? buyerA : buyerB).PlaceOrderAsync($"order-{i}", itemId, $"user-{i}")));

        answers.Count(o => o.Status == HttpStatusCode.Created).ShouldBe(Stock);
        answers.ShouldAllBe(o => o.Status == HttpStatusCode.Created || o.Code == RejectionReasons.SoldOut);
        var log = await EventLog.ReadItemAsync(_processes.Data.Path, itemId);
        log.ShouldNeverOversell();
        log.OfType<OrderPlaced>().GroupBy(e => e.OrderId).ShouldAllBe(g => g.Count() == 1, "every order decided once");
        (await Readiness.RolesOfAsync(a)).ShouldBe(("off", "off"));
        (await Readiness.RolesOfAsync(b)).ShouldBe(("off", "off"));
        File.Exists(Path.Combine(_processes.Data.Path, "projector.lock.owner")).ShouldBeFalse("neither process projects");
    }

    private async Task<string> LastPositionAsync(string itemId)
    {
        await using var store = await SqliteEventStore.OpenAsync(EventLog.PathIn(_processes.Data.Path));
        return (await store.ReadStreamAsync(FlashSale.Contracts.ItemStreams.For(itemId)).ToListAsync())[^1].Position.ToToken();
    }

    private Dictionary<string, string> Environment(string roles, IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{ApiProcess.FreePort()}",
            ["Storage__DataDirectory"] = _processes.Data.Path,
            ["Operators__ApiKey"] = ApiProcess.OperatorKey,
            ["Payments__CallbackSecret"] = ApiCalls.CallbackSecret,
            ["Roles"] = roles,
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return environment;
    }
}
