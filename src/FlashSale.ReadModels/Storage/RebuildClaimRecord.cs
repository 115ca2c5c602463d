namespace FlashSale.ReadModels.Storage;

/// <summary>Who holds the right to rebuild a projection, as the read store keeps it (table <c>rebuild_claims</c>).</summary>
/// <param name="Owner">The claim's own id: only its taker renews or releases it.</param>
/// <param name="Holder">The process that took it, as people read it (program, process id, machine).</param>
/// <param name="ExpiresAt">Until when the claim holds without a renewal; after it anybody may take it.</param>
public sealed record RebuildClaimRecord(string Projection, string Owner, string Holder, DateTimeOffset ClaimedAt, DateTimeOffset ExpiresAt);
