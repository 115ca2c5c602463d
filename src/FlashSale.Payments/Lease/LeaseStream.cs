using FlashSale.Subscriptions.Leases;

namespace FlashSale.Payments.Lease;

/// <summary>The payments processor's lease stream and its event types (<see cref="LeaseEvents"/>).</summary>
public static class LeaseStream
{
    public const string Role = "payments";
    public const string Name = "lease-" + Role;
    public const string Acquired = LeaseEvents.Acquired;
    public const string Renewed = LeaseEvents.Renewed;
    public const string Released = LeaseEvents.Released;
}
