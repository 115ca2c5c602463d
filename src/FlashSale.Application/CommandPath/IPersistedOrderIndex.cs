using FlashSale.EventStore;
using FlashSale.Subscriptions.Checkpoints;

namespace FlashSale.Application.CommandPath;

/// <summary>The order index as last persisted (the <c>order-items</c> projection of the read store): what a process starts
/// its index from instead of the beginning of the log.</summary>
public interface IPersistedOrderIndex
{
    /// <summary>Every (order, item) recorded up to <see cref="PersistedOrders.Position"/>, read in one consistent snapshot.</summary>
    /// <returns>Null when nothing is persisted yet (the index then reads the whole log).</returns>
    Task<PersistedOrders?> LoadAsync(CancellationToken cancellationToken);
}

/// <param name="At">The event at <see cref="Position"/>; null when the checkpoint was stored without it.</param>
public sealed record PersistedOrders(LogPosition Position, IReadOnlyList<(string OrderId, string ItemId)> Orders, CheckpointEvent? At = null);
