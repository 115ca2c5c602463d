using FlashSale.Application.Items;

namespace FlashSale.Api.Items;

/// <summary>An item's stock after a listing or a restock, and the position of that event.</summary>
public sealed record ItemStock(string ItemId, int Available, string Position)
{
    public static ItemStock From(ItemReceipt receipt) => new(receipt.ItemId, receipt.Available, receipt.Position.ToToken());
}
