namespace FlashSale.Subscriptions.Leases;

/// <summary>Who holds a lease and until when, as each lease event records it.</summary>
public sealed record LeaseTerm(string Holder, DateTimeOffset ExpiresAt);
