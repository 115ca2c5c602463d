namespace FlashSale.Api.Limits;

public enum AdmissionLimit
{
    OrdersPerUser,
    Concurrency,
}

/// <summary>Requests the admission limits refused, for metrics to read or follow.</summary>
public interface IRateLimitRejections
{
    long Count(AdmissionLimit limit);

    /// <summary>Raised on every refusal; handlers must be quick and must not throw.</summary>
    event Action<AdmissionLimit>? Rejected;
}

internal sealed class RateLimitRejections : IRateLimitRejections
{
    private long _ordersPerUser;
    private long _concurrency;

    public event Action<AdmissionLimit>? Rejected;

    public long Count(AdmissionLimit limit) =>
        Interlocked.Read(ref limit == AdmissionLimit.OrdersPerUser ? ref _ordersPerUser : ref _concurrency);

    public void Record(AdmissionLimit limit)
    {
        Interlocked.Increment(ref limit == AdmissionLimit.OrdersPerUser ? ref _ordersPerUser : ref _concurrency);
        Rejected?.Invoke(limit);
    }
}
