namespace FlashSale.Api.Shutdown;

/// <summary>Whether this process has begun to stop (SIGTERM, Ctrl+C, <see cref="IHostApplicationLifetime.StopApplication"/>):
/// from that moment readiness answers 503 and new requests are refused.</summary>
public sealed class ServerStopping
{
    private readonly CancellationToken _stopping;

    public ServerStopping(IHostApplicationLifetime lifetime) => _stopping = lifetime.ApplicationStopping;

    public bool IsStopping => _stopping.IsCancellationRequested;
}
