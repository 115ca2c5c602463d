namespace FlashSale.Subscriptions.Leases;

/// <summary>
/// Who among the processes of one deployment acts in a role now: the holder acts, the others stand by. Held in the
/// event store (<see cref="RoleLease"/>) or, among the processes of one machine, by an operating-system file lock.
/// </summary>
public interface IRoleLease
{
    /// <summary>What is leased (a stream name, a lock file), for logs.</summary>
    string Name { get; }

    /// <summary>This process's name as the lease records it.</summary>
    string Holder { get; }

    bool IsHeld { get; }

    /// <summary>Renews this process's hold, or takes the lease when it is free.</summary>
    /// <returns>Whether this process holds the lease afterwards.</returns>
    Task<bool> TryHoldAsync(CancellationToken cancellationToken);

    /// <summary>Gives the lease up (graceful stop), so a standby need not wait for it to expire.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
