using FlashSale.Domain.Items;

namespace FlashSale.Application.CommandPath;

/// <summary>The item's writer kept losing races with another process; the caller may retry.</summary>
public sealed class ConcurrencyException(string message) : Exception(message);

/// <summary>The item's queue is full: the command was refused before anything was decided, so a retry is safe.</summary>
public sealed class CommandPathOverloadedException(string itemId, int maxQueueLength)
    : Exception($"Item '{itemId}' has {maxQueueLength} commands waiting already; retry shortly.")
{
    public string ItemId { get; } = itemId;
}

/// <summary>The item's stream holds an event this version cannot read; the item takes no commands until an operator
/// skips it (<c>flashsale items skip-unreadable</c>, adr/0010). Other items are unaffected.</summary>
public sealed class ItemUnreadableException(string itemId, string streamId, UnreadableRecord unreadable, string message)
    : Exception(message)
{
    public string ItemId { get; } = itemId;

    public string StreamId { get; } = streamId;

    public UnreadableRecord Unreadable { get; } = unreadable;
}
