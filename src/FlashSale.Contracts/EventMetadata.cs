namespace FlashSale.Contracts;

/// <summary>Stored with every event: who asked, in answer to what, as part of which conversation, and when.</summary>
public sealed record EventMetadata(string CorrelationId, string CausationId, string Actor, DateTimeOffset Timestamp);
