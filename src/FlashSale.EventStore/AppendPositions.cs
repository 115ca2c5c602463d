namespace FlashSale.EventStore;

/// <summary>Which global positions the caller of an append needs back: an adapter may spare work (EventStoreDB a
/// read-back) for positions nobody asked for.</summary>
public enum AppendPositions
{
    /// <summary>The position of every appended event, in order.</summary>
    EachEvent,

    /// <summary>Only the last appended event's position (the append's <see cref="AppendResult.Success.Position"/>):
    /// enough for a consistency token that covers every event of the append, since each sits at or before it.</summary>
    LastEvent,
}
