using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.EventStores;

/// <summary>The whole API on one event store, and what to dispose with it (the store's server, when the test started one).</summary>
public sealed class StoreApi(FlashSaleApiFactory api, IAsyncDisposable owner) : IAsyncDisposable
{
    public FlashSaleApiFactory Api { get; } = api;

    public ValueTask DisposeAsync() => owner.DisposeAsync();
}
