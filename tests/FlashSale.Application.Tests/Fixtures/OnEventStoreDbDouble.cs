using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;

namespace FlashSale.Application.Tests.Fixtures;

/// <summary>A test class whose every test gets a fresh EventStoreDB double on loopback, spoken to through the real adapter.</summary>
public abstract class OnEventStoreDbDouble : IAsyncLifetime
{
    protected EventStoreDbDouble Server { get; private set; } = null!;

    protected EventStoreDbEventStore Store { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await EventStoreDbDouble.StartAsync();
        Store = EventStoreDbEventStore.Connect(Server.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await Server.DisposeAsync();
    }
}
