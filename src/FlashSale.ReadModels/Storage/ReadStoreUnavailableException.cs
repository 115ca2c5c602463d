namespace FlashSale.ReadModels.Storage;

/// <summary>The read store cannot be reached (down, restarting, refusing connections): the call read or changed nothing.
/// Queries answer 503 <c>read_store.unavailable</c>; the projection runner retries from its checkpoint.</summary>
public sealed class ReadStoreUnavailableException(Exception cause)
    : Exception($"The read store is unavailable: {cause.Message}", cause);
