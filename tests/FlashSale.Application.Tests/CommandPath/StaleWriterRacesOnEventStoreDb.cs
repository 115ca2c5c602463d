using FlashSale.EventStore.EventStoreDb.TestDouble;
using Xunit.Abstractions;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>The races against the loopback EventStoreDB double, which dedupes repeated ids as the server does.</summary>
public sealed class StaleWriterRacesOnTheDouble(ITestOutputHelper output) : StaleWriterRaces(output)
{
    private EventStoreDbDouble? _server;

    protected override async Task<string?> StartServerAsync()
    {
        _server = await EventStoreDbDouble.StartAsync();
        return _server.ConnectionString;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}

/// <summary>
/// The races against a real EventStoreDB / KurrentDB server when <c>FLASHSALE_TEST_ESDB</c> holds its connection string;
/// without it every test writes that it did not run and passes. Item ids are unique per test, so a long-lived server
/// can be shared.
/// </summary>
public sealed class StaleWriterRacesOnARealServer(ITestOutputHelper output) : StaleWriterRaces(output)
{
    protected override Task<string?> StartServerAsync() =>
        Task.FromResult(Environment.GetEnvironmentVariable(RealServerRaces.Variable) is { Length: > 0 } server ? server : null);
}

internal static class RealServerRaces
{
    public const string Variable = "FLASHSALE_TEST_ESDB";
}
