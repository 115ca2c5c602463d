namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>How the double places the events of one append in $all.</summary>
public enum DoublePositions
{
    /// <summary>
    /// The events share one commit position (the first event's prepare position) and differ in their prepare
    /// positions, as explicit transactions with a commit record did; the append answers (first's, last's prepare).
    /// </summary>
    SharedCommit,

    /// <summary>
    /// As every server with the gRPC API (20.6+, 23.10 <c>StorageWriterService</c> writing prepares flagged
    /// <c>IsCommitted</c>): each event commits itself, so its commit and prepare positions are both its own log
    /// position; the append answers the last event's position (the commit of the prepare that ends the write).
    /// </summary>
    SelfCommitted,
}
