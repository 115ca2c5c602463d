using FlashSale.EventStore;

namespace FlashSale.Contracts;

public static class ItemStreams
{
    public const string Prefix = "item-";

    public static StreamFilter Filter { get; } = StreamFilter.Prefixes(Prefix);

    public static string For(string itemId) => Prefix + itemId;
}
