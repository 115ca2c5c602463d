using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using FlashSale.EventStore;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>The API's event store, except that the streams a test names fail with the exception it gives.</summary>
public sealed class FailingEventStore(IEventStore inner) : IEventStore, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Exception> _failures = new();

    public void Fail(string streamId, Exception failure) => _failures[streamId] = failure;

    /// <summary><paramref name="api"/> with its event store wrapped; the wrapper is <c>Services.GetRequiredService&lt;IEventStore&gt;()</c>.</summary>
    public static WebApplicationFactory<Program> Around(FlashSaleApiFactory api) => api.WithEventStoreAround(inner => new FailingEventStore(inner));

    public Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default) =>
        _failures.TryGetValue(streamId, out var failure) ? Task.FromException<AppendResult>(failure) : inner.AppendAsync(streamId, expected, events, positions, cancellationToken);

    public async IAsyncEnumerable<RecordedEvent> ReadStreamAsync(string streamId, long fromRevision = 0, int maxCount = int.MaxValue,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        if (_failures.TryGetValue(streamId, out var failure)) throw failure;
        await foreach (var recorded in inner.ReadStreamAsync(streamId, fromRevision, maxCount, cancellationToken)) yield return recorded;
    }

    public IAsyncEnumerable<RecordedEvent> ReadAllAsync(LogPosition? after, int maxCount, StreamFilter? filter = null,
        CancellationToken cancellationToken = default) => inner.ReadAllAsync(after, maxCount, filter, cancellationToken);

    public IAsyncEnumerable<RecordedEvent> SubscribeToAllAsync(LogPosition? checkpoint, StreamFilter filter,
        CancellationToken cancellationToken = default) => inner.SubscribeToAllAsync(checkpoint, filter, cancellationToken);

    public Task<LogPosition?> ReadHeadPositionAsync(CancellationToken cancellationToken = default) => inner.ReadHeadPositionAsync(cancellationToken);

    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;
}
