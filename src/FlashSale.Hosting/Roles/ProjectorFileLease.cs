using FlashSale.ReadModels.Running;

namespace FlashSale.Hosting.Roles;

/// <summary>The projector lease of an embedded read store: holding its <see cref="ProjectorLock"/>. A standby tries the lock
/// at every look; a holder keeps it until it stops or dies.</summary>
internal sealed class ProjectorFileLease(ProjectorLock fileLock, ProjectorOptions options, TimeProvider clock) : IProjectorLease
{
    public string Name => fileLock.LockPath;

    public string Holder { get; } = options.InstanceId ?? $"{Environment.MachineName}-{Environment.ProcessId}";

    public bool IsHeld => fileLock.IsHeld;

    public Task<bool> TryHoldAsync(CancellationToken cancellationToken) => Task.FromResult(fileLock.TryAcquire(clock.GetUtcNow()) is null);

    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        fileLock.Release();
        return Task.CompletedTask;
    }
}
