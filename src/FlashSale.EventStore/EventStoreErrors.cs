namespace FlashSale.EventStore;

/// <summary>A failure of the event store itself (not a concurrency conflict, which is an <see cref="AppendResult"/>).
/// Adapters throw the specific subclasses so hosts can map them once (e.g. to 503 or 413).</summary>
public abstract class EventStoreException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The store cannot be reached or is not ready; retrying later may succeed.</summary>
public sealed class EventStoreUnavailableException(string message, Exception? inner = null) : EventStoreException(message, inner);

/// <summary>The store did not answer within the call's deadline.</summary>
public sealed class EventStoreTimeoutException(string message, Exception? inner = null) : EventStoreException(message, inner);

/// <summary>The configured credentials may not perform the operation.</summary>
public sealed class EventStoreAccessDeniedException(string message, Exception? inner = null) : EventStoreException(message, inner);

/// <summary>The stream was deleted (tombstoned): it can be neither read nor appended to.</summary>
public sealed class StreamDeletedException(string streamId, Exception? inner = null)
    : EventStoreException($"Stream '{streamId}' is deleted.", inner)
{
    public string StreamId { get; } = streamId;
}

/// <summary>One append carried more bytes than the store accepts in a single append.</summary>
public sealed class AppendTooLargeException(string streamId, long maxAppendSize, Exception? inner = null)
    : EventStoreException($"The append to '{streamId}' exceeds the store's maximum append size of {maxAppendSize} bytes.", inner)
{
    public string StreamId { get; } = streamId;

    public long MaxAppendSize { get; } = maxAppendSize;
}
