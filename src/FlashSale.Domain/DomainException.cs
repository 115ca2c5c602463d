namespace FlashSale.Domain;

/// <summary>The one domain error type. <see cref="Code"/> is stable and mapped once to an HTTP status.</summary>
public sealed class DomainException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

public static class DomainErrors
{
    public const string ItemNotFound = "item.not_found";
    public const string ItemAlreadyListed = "item.already_listed";
    public const string InvalidListing = "item.invalid_listing";

    /// <summary>A listing whose sale window has already ended: nobody could ever buy it.</summary>
    public const string SaleAlreadyEnded = "item.sale_already_ended";
    public const string InvalidQuantity = "quantity.invalid";
    public const string OrderNotFound = "order.not_found";
    public const string OrderNotReserved = "order.not_reserved";
    public const string OrderIdReused = "order.id_reused";

    /// <summary>An order id that is an order on several items, named without its item.</summary>
    public const string OrderAmbiguous = "order.ambiguous";
    public const string QuantityAbovePerUserLimit = "order.quantity_above_per_user_limit";
    public const string PaymentTimedOut = "payment.timed_out";
    public const string PaymentAlreadyConfirmed = "payment.already_confirmed";
    public const string OrderNotDeadLettered = "order.not_dead_lettered";
    public const string OrderDiscarded = "order.discarded";
    public const string InvalidTransition = "item.invalid_transition";
    public const string RestockOperationReused = "restock.operation_id_reused";
    public const string ItemUnreadable = "item.unreadable";
    public const string NoUnreadableEvent = "item.no_unreadable_event";
}
