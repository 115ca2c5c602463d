using System.Reflection;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.Tests.Contract;
using Xunit.Abstractions;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>
/// The shared contract suite against a real EventStoreDB / KurrentDB server when <c>FLASHSALE_TEST_ESDB</c> holds its
/// connection string. Without it, the test writes that it did not run to the test output and passes: CI counts
/// skips, and a missing optional server is not a defect. Each contract fact runs in turn on a fresh store, and each
/// outcome is written to the output.
/// </summary>
public sealed class RealServerContractTests(ITestOutputHelper output)
{
    public const string Variable = "FLASHSALE_TEST_ESDB";

    [Fact]
    public async Task the_contract_suite_passes_against_a_real_server_when_one_is_configured()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            output.WriteLine($"{Variable} is not set: the event store contract suite did NOT run against a real EventStoreDB/KurrentDB " +
                $"server (it ran against the loopback double). To run it: docker compose up -d eventstore, then " +
                $"{Variable}=\"esdb://127.0.0.1:2113?tls=false\" dotnet test tests/FlashSale.EventStore.Tests -c Release --filter RealServerContractTests");
            return;
        }

        var facts = typeof(EventStoreContract).GetMethods(BindingFlags.Public | BindingFlags.Instance)
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

        output.WriteLine($"{facts.Count - failures.Count} of {facts.Count} contract tests passed against {EventStoreDbConnectionString.Parse(connectionString)}.");
        facts.ShouldNotBeEmpty();
        failures.ShouldBeEmpty();
    }

    // Private, so xunit does not discover it as a test class of its own.
    private sealed class RealServerContract(string connectionString) : EventStoreContract
    {
        protected override Task<IEventStore> CreateStoreAsync() =>
            Task.FromResult<IEventStore>(EventStoreDbEventStore.Connect(connectionString));
    }
}
