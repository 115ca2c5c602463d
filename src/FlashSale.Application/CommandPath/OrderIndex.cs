using System.Runtime.InteropServices;
using FlashSale.Contracts;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// Which item each order id belongs to, so calls that name only an order (payment callbacks) reach the right item
/// stream. Fed by this process's writers as they record orders and by <see cref="OrderIndexFeeder"/> from the log.
/// Within one process an order id is claimed for one item only; two processes can still each accept it on a different
/// item, and the log then teaches each index both, so a call that names only the order is refused as ambiguous instead
/// of reaching one of them.
/// </summary>
public sealed class OrderIndex : IOrderItemLookup
{
    /// <summary>An order id's item as a string, or its items as a string[] once it is an order on several (rare: no array
    /// per order in the common case).</summary>
    /// <remarks>A dictionary under a lock, not a ConcurrentDictionary: that one makes a node object per entry and makes
    /// every node again each time it grows, so at each doubling of a sale's orders one GC copied them all (ADR 0041).
    /// Every access here is a short lookup or write.</remarks>
    private readonly Dictionary<string, object> _items = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    // Null while nothing loads the index (a process that names every item itself): then there is nothing to wait for.
    private volatile CatchUp? _catchUp;

    public void Record(OrderPlaced placed) => Record(placed.OrderId, placed.ItemId);

    /// <summary>Records that <paramref name="orderId"/> is an order on <paramref name="itemId"/> (idempotent).</summary>
    public void Record(string orderId, string itemId)
    {
        lock (_lock)
        {
            ref var owners = ref CollectionsMarshal.GetValueRefOrAddDefault(_items, orderId, out var existed);
            if (!existed) owners = itemId;
            else if (!Contains(owners!, itemId)) owners = With(owners!, itemId);
        }
    }

    /// <summary>Whether the index has caught up with the log (or nothing loads it in this process).</summary>
    public bool IsCaughtUp => _catchUp is not { } catchUp || catchUp.Done.Task.IsCompleted;

    /// <summary>Called by what loads the index before it starts: commands that need it wait for <see cref="CaughtUp"/>,
    /// at most <paramref name="wait"/>, and are then refused with <paramref name="progress"/> in the message.</summary>
    public void CatchingUp(TimeSpan wait, Func<string> progress) =>
        _catchUp = new CatchUp(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wait, progress);

    public void CaughtUp() => _catchUp?.Done.TrySetResult();

    /// <summary><see cref="Claim"/> once the index has caught up (so an order id placed before the start is known).</summary>
    /// <exception cref="OrderIndexCatchingUpException">The index did not catch up within the wait.</exception>
    public ValueTask<string?> ClaimAsync(string orderId, string itemId, CancellationToken cancellationToken) =>
        IsCaughtUp ? ValueTask.FromResult(Claim(orderId, itemId)) : ClaimLaterAsync(orderId, itemId, cancellationToken);

    /// <summary><see cref="ItemOf"/>, waiting for the index to catch up only when no item is named.</summary>
    /// <exception cref="OrderIndexCatchingUpException">The index did not catch up within the wait.</exception>
    public async ValueTask<string> ItemOfAsync(string orderId, string? named, CancellationToken cancellationToken)
    {
        if (named is null) await WaitCaughtUpAsync(cancellationToken);
        return ItemOf(orderId, named);
    }

    private async ValueTask<string?> ClaimLaterAsync(string orderId, string itemId, CancellationToken cancellationToken)
    {
        await WaitCaughtUpAsync(cancellationToken);
        return Claim(orderId, itemId);
    }

    private async ValueTask WaitCaughtUpAsync(CancellationToken cancellationToken)
    {
        if (_catchUp is not { } catchUp || catchUp.Done.Task.IsCompleted) return;
        try
        {
            await catchUp.Done.Task.WaitAsync(catchUp.Wait, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new OrderIndexCatchingUpException(catchUp.Progress(), catchUp.Wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : catchUp.Wait);
        }
    }

    private sealed record CatchUp(TaskCompletionSource Done, TimeSpan Wait, Func<string> Progress);

    /// <summary>
    /// Reserves <paramref name="orderId"/> for <paramref name="itemId"/> before the order reaches the item's writer,
    /// so that one order id raced onto two items is placed on one of them only (within this process).
    /// </summary>
    /// <returns>The item the order id already belongs to, or null when the claim is ours (or the id is already an
    /// order on this item too, which the writer answers as a repeat).</returns>
    public string? Claim(string orderId, string itemId)
    {
        object owners;
        lock (_lock)
        {
            ref var held = ref CollectionsMarshal.GetValueRefOrAddDefault(_items, orderId, out var existed);
            if (!existed) held = itemId;
            owners = held!;
        }
        return Contains(owners, itemId) ? null : ItemsIn(owners)[0];
    }

    /// <summary>Gives up a claim whose order was certainly not recorded (it was refused before any append).</summary>
    public void Release(string orderId, string itemId)
    {
        lock (_lock)
        {
            if (!_items.TryGetValue(orderId, out var current) || !Contains(current, itemId)) return;
            if (Without(current, itemId) is { } rest) _items[orderId] = rest;
            else _items.Remove(orderId);
        }
    }

    public IReadOnlyList<string> ItemsOf(string orderId)
    {
        object? owners;
        lock (_lock)
            if (!_items.TryGetValue(orderId, out owners)) return [];
        return ItemsIn(owners);
    }

    /// <summary>The item a call names, or else the one item the order belongs to.</summary>
    /// <exception cref="DomainException">The order is unknown (<see cref="DomainErrors.OrderNotFound"/>) or, with no item
    /// named, an order on several items (<see cref="DomainErrors.OrderAmbiguous"/>).</exception>
    public string ItemOf(string orderId, string? named) => named ?? AmbiguousOrder.SingleItem(orderId, ItemsOf(orderId))
        ?? throw new DomainException(DomainErrors.OrderNotFound, $"Order '{orderId}' is not known.");

    public int Count
    {
        get
        {
            lock (_lock) return _items.Count;
        }
    }

    private static IReadOnlyList<string> ItemsIn(object owners) => owners as string[] ?? [(string)owners];

    private static bool Contains(object owners, string itemId) =>
        owners is string one ? one == itemId : Array.IndexOf((string[])owners, itemId) >= 0;

    private static string[] With(object owners, string itemId) => [.. ItemsIn(owners), itemId];

    /// <returns>What is left: a string, an array of several, or null for nothing.</returns>
    private static object? Without(object owners, string itemId)
    {
        var rest = ItemsIn(owners).Where(i => i != itemId).ToArray();
        return rest.Length switch { 0 => null, 1 => rest[0], _ => rest };
    }
}
