using FlashSale.Domain.Items;
using FlashSale.EventStore;

namespace FlashSale.Projections;

/// <summary>A domain event with where and when the log recorded it: everything a projection may look at.</summary>
public sealed record ProjectedEvent(ItemEvent Event, string StreamId, long StreamRevision, LogPosition Position, DateTimeOffset Recorded);
