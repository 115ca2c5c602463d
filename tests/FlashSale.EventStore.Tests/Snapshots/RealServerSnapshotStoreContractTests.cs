using System.Reflection;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.Snapshots;
using FlashSale.EventStore.Snapshots;
using FlashSale.EventStore.Tests.EventStoreDb;
using Xunit.Abstractions;

namespace FlashSale.EventStore.Tests.Snapshots;

/// <summary>
/// The snapshot contract against a real EventStoreDB / KurrentDB server when <c>FLASHSALE_TEST_ESDB</c> holds its
/// connection string (as <see cref="RealServerContractTests"/> does for the event store contract); without it, the test
/// says so in its output and passes.
/// </summary>
public sealed class RealServerSnapshotStoreContractTests(ITestOutputHelper output)
{
    [Fact]
    public async Task the_snapshot_contract_passes_against_a_real_server_when_one_is_configured()
    {
        var connectionString = Environment.GetEnvironmentVariable(RealServerContractTests.Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            output.WriteLine($"{RealServerContractTests.Variable} is not set: the snapshot contract did NOT run against a real server " +
                "(it ran against the loopback double).");
            return;
        }

        var facts = typeof(SnapshotStoreContract).GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<FactAttribute>() is { Skip: null } and not TheoryAttribute)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var failures = new List<string>();
        foreach (var fact in facts)
        {
            var suite = new RealServerContract(connectionString);
            try
            {
                await suite.InitializeAsync();
                await (Task)fact.Invoke(suite, null)!;
                output.WriteLine($"passed  {fact.Name}");
            }
            catch (Exception e)
            {
                var error = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
                failures.Add($"{fact.Name}: {error.Message}");
                output.WriteLine($"FAILED  {fact.Name}: {error}");
            }
            finally
            {
                await suite.DisposeAsync();
            }
        }
        facts.ShouldNotBeEmpty();
        failures.ShouldBeEmpty();
    }

    // Private, so xunit does not discover it as a test class of its own.
    private sealed class RealServerContract(string connectionString) : SnapshotStoreContract
    {
        protected override Task<(ISnapshotStore Snapshots, IEventStore Events)> CreateStoresAsync()
        {
            var events = EventStoreDbEventStore.Connect(connectionString);
            return Task.FromResult<(ISnapshotStore, IEventStore)>((new EventStoreDbSnapshotStore(events), events));
        }
    }
}
