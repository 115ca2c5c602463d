namespace FlashSale.Application;

public sealed class SalesOptions
{
    public const string Section = "Sales";

    /// <summary>Payment window of an item listed without one.</summary>
    public int DefaultPaymentWindowSeconds { get; set; } = 600;
}
