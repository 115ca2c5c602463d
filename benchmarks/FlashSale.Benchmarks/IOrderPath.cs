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
