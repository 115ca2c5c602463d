namespace FlashSale.Projections.Inventory;

/// <summary>
/// One item's stock as buyers and operators see it. <see cref="Reserved"/> counts units held by unpaid reservations;
/// <see cref="Sold"/> units paid for; <see cref="Released"/> units given back by timed-out payments (cumulative).
/// Always: Available + Reserved + Sold = InitialStock + Restocked.
/// </summary>
public sealed record InventoryRow(
    string ItemId,
    string Name,
    int PerUserLimit,
    DateTimeOffset? SaleStartsAt,
    DateTimeOffset? SaleEndsAt,
    int InitialStock,
    int Restocked,
    int Available,
    int Reserved,
    int Sold,
    int Released,
    int RejectedOrders,
    string LastPosition,
    DateTimeOffset UpdatedAt);
