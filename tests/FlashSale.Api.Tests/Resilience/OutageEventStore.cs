using System.Runtime.CompilerServices;
using FlashSale.EventStore;
using FlashSale.Api.Tests.Fixtures;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Resilience;

/// <summary>The API's event store, except that while <see cref="Down"/> every append and stream read waits
/// <see cref="TimeoutAfter"/> and then times out, as a store that stopped answering does.</summary>
public sealed class OutageEventStore(IEventStore inner) : IEventStore
{
    public volatile bool Down;

    public TimeSpan TimeoutAfter { get; init; } = TimeSpan.FromSeconds(1);

    public int CallsWhileDown;

    public static WebApplicationFactory<Program> Around(FlashSaleApiFactory api) =>
        api.WithWebHostBuilder(web => web.ConfigureTestServices(services =>
        {
            var original = services.Last(d => d.ServiceType == typeof(IEventStore)).ImplementationFactory!;
            services.AddSingleton<IEventStore>(sp => new OutageEventStore((IEventStore)original(sp)));
        }));

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        await TimeOutIfDownAsync();
        return await inner.AppendAsync(streamId, expected, events, positions, cancellationToken);
    }

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await TimeOutIfDownAsync();
        await foreach (var recorded in inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken)) yield return recorded;
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadHeadPositionAsync(cancellationToken);

    private async Task TimeOutIfDownAsync()
    {
        if (!Down) return;
        Interlocked.Increment(ref CallsWhileDown);
        await Task.Delay(TimeoutAfter);
        throw new EventStoreTimeoutException("The store did not answer within its deadline.");
    }
}
