using System.Net;
using System.Net.Sockets;
using System.Text;
using FlashSale.EventStore.EventStoreDb;
using FlashSale.EventStore.EventStoreDb.TestDouble;

namespace FlashSale.EventStore.Tests.EventStoreDb;

/// <summary>A fresh double and an adapter connected to it, per test.</summary>
public abstract class DoubleFixture : IAsyncLifetime
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    protected EventStoreDbDouble Server { get; private set; } = null!;

    protected EventStoreDbEventStore Store { get; private set; } = null!;

    /// <summary>Appended to the double's connection string, e.g. <c>&amp;defaultDeadline=300</c>.</summary>
    protected virtual string ConnectionOptions => "";

    protected virtual DoublePositions Positions => DoublePositions.SelfCommitted;

    /// <summary>False: the double answers BatchAppend as a server before 21.10 (UNIMPLEMENTED), so appends go over Append.</summary>
    protected virtual bool SupportsBatchAppend => true;

    public virtual async Task InitializeAsync()
    {
        Server = await EventStoreDbDouble.StartAsync(Positions);
        Server.SupportsBatchAppend = SupportsBatchAppend;
        Store = EventStoreDbEventStore.Connect(Server.ConnectionString + ConnectionOptions);
    }

    public virtual async Task DisposeAsync()
    {
        await Store.DisposeAsync();
        await Server.DisposeAsync();
    }

    protected static string NewStream(string kind = "item") => $"{kind}-{Guid.NewGuid():N}";

    protected static EventData NewEvent(int bytes = 16) =>
        new(Guid.NewGuid(), "V1.TestHappened", Encoding.UTF8.GetBytes($$"""{"pad":"{{new string('x', bytes)}}"}"""), "{}"u8.ToArray());

    protected static EventData[] NewEvents(int count) => [.. Enumerable.Range(0, count).Select(_ => NewEvent())];

    protected async Task<AppendResult.Success> AppendOk(string stream, ExpectedRevision expected, params EventData[] events) =>
        (await Store.AppendAsync(stream, expected, events)).ShouldBeOfType<AppendResult.Success>();

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    protected static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
