using FlashSale.EventStore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Health;

/// <summary><see cref="Fixtures.FailingEventStore"/>, and the head of the log unreadable too: the store is down.</summary>
public sealed class UnreachableEventStore(Fixtures.FailingEventStore inner) : IEventStore, IAsyncDisposable
{
    public volatile bool Down;

    public static WebApplicationFactory<Program> Around(Fixtures.FlashSaleApiFactory api) =>
        Fixtures.FailingEventStore.Around(api).WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            var failing = services.Last(d => d.ServiceType == typeof(IEventStore)).ImplementationFactory!;
            services.AddSingleton<IEventStore>(sp => new UnreachableEventStore((Fixtures.FailingEventStore)failing(sp)));
        }));

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default) => inner.AppendAsync(streamId, expected, events, positions, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        CancellationToken cancellationToken = default) => inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => Down
        ? Task.FromException<LogPosition?>(new EventStoreUnavailableException("connection refused"))
        : inner.ReadHeadPositionAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
