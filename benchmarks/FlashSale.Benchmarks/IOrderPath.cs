using FlashSale.Application.CommandPath;
using FlashSale.Domain.Items;

namespace FlashSale.Benchmarks;

/// <summary>One way of getting an order decided and durably appended.</summary>
internal interface IOrderPath : IAsyncDisposable
{
    string Name { get; }

    Task<bool> PlaceAsync(PlaceOrder order, CommandContext context);

    long Appends { get; }

    long Conflicts { get; }
}

internal sealed class GroupCommitPath(ItemWriter writer) : IOrderPath
{
    public string Name => "groupCommit";

    public async Task<bool> PlaceAsync(PlaceOrder order, CommandContext context) =>
        (await writer.ExecuteAsync(order, context)).Events.OfType<StockReserved>().Any();

    public long Appends => writer.AppendCount;

    public long Conflicts => writer.ConflictCount;

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}

/// <summary>The group-commit path with what the API adds per order and per append when it collects metrics: the store
/// timed and counted (<see cref="MeteredEventStore"/>), and each order counted and timed as the pipeline does.</summary>
internal sealed class MeteredGroupCommitPath(ItemWriter writer, FlashSale.Api.Metrics.OrderMetrics metrics) : IOrderPath
{
    public string Name => "groupCommit+metrics";

    public async Task<bool> PlaceAsync(PlaceOrder order, CommandContext context)
    {
        metrics.Received.Inc();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var reserved = (await writer.ExecuteAsync(order, context)).Events.OfType<StockReserved>().Any();
        metrics.Processing.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (reserved) metrics.Successful.Inc();
        else metrics.Rejected(RejectionReasons.SoldOut);
        return reserved;
    }

    public long Appends => writer.AppendCount;

    public long Conflicts => writer.ConflictCount;

    public ValueTask DisposeAsync() => writer.DisposeAsync();
}
