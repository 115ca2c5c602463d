namespace FlashSale.Api.Shutdown;

/// <summary>Whether this process has begun to stop (SIGTERM, Ctrl+C, <see cref="IHostApplicationLifetime.StopApplication"/>):
/// from that moment readiness answers 503 and new requests are refused.</summary>
public sealed class ServerStopping(CancellationToken stopping)
{
    public ServerStopping(IHostApplicationLifetime lifetime) : this(lifetime.ApplicationStopping) { }

    public bool IsStopping => stopping.IsCancellationRequested;
}
