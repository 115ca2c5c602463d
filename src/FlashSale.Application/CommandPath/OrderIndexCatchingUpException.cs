namespace FlashSale.Application.CommandPath;

/// <summary>The order index of this process has not caught up with the log yet (a start): a command that needs it is
/// refused before anything is decided, and a retry after <see cref="RetryAfter"/> is safe.</summary>
public sealed class OrderIndexCatchingUpException(string progress, TimeSpan retryAfter)
    : Exception($"The order index is still catching up with the log ({progress}); retry after Retry-After.")
{
    public const string Code = "order_index.catching_up";

    public TimeSpan RetryAfter { get; } = retryAfter;
}
