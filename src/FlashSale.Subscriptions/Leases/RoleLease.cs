using FlashSale.EventStore;
using Microsoft.Extensions.Logging;

namespace FlashSale.Subscriptions.Leases;

/// <summary>
/// Exactly one process acts in a role (the payments processor, the projector) at a time across processes. The lease is a
/// stream of terms (holder, expiry); a process renews its own term or takes an expired one by appending with the
/// expected revision of the last term it read, so optimistic concurrency decides every race, on any event store. A
/// process that cannot renew stops acting at once; a standby takes over only after the last term has expired.
/// </summary>
public class RoleLease(IEventStore store, string stream, string role, TimeSpan duration, string? holder, TimeProvider clock, ILogger logger)
    : IRoleLease
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _revision = -1;
    private LeaseTerm? _last;
    private long _heldUntilTicks; // UTC ticks; 0 while not held

    public string Stream { get; } = stream;

    string IRoleLease.Name => Stream;

    public TimeSpan Duration { get; } = duration;

    public string Holder { get; } = holder ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <summary>The term last read from the stream (any holder's), null before the first look or for an empty stream.</summary>
    public LeaseTerm? Last => Volatile.Read(ref _last);

    public bool IsHeld => IsHeldFor(TimeSpan.Zero);

    /// <summary>Whether this process holds the lease for at least <paramref name="duration"/> more: work starts only if
    /// the lease outlasts it (fencing).</summary>
    public bool IsHeldFor(TimeSpan duration)
    {
        var until = Interlocked.Read(ref _heldUntilTicks);
        return until != 0 && (clock.GetUtcNow() + duration).UtcTicks < until;
    }

    /// <summary>Renews this process's term, or takes the lease when it is free or expired.</summary>
    /// <returns>Whether this process holds the lease afterwards.</returns>
    public async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await CatchUpAsync(cancellationToken);
            var now = clock.GetUtcNow();
            var mine = _last?.Holder == Holder;
            if (_last is { } other && !mine && other.ExpiresAt > now) return Lost();
            var term = new LeaseTerm(Holder, now + Duration);
            var type = mine && _last!.ExpiresAt > now ? LeaseEvents.Renewed : LeaseEvents.Acquired;
            var result = await store.AppendAsync(Stream, ExpectedRevision.After(_revision), [LeaseEvents.ToEventData(type, term)], cancellationToken: cancellationToken);
            if (result is not AppendResult.Success success) return Lost(); // another process wrote first; the next look reads it
            _revision = success.NextExpectedRevision;
            Volatile.Write(ref _last, term);
            Interlocked.Exchange(ref _heldUntilTicks, term.ExpiresAt.UtcTicks);
            if (type == LeaseEvents.Acquired) logger.LeaseAcquired(role, Holder, term.ExpiresAt);
            return true;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LeaseRenewFailed(ex, role, Holder);
            return Lost();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Gives the lease up (graceful stop), so a standby need not wait for it to expire.</summary>
    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Exchange(ref _heldUntilTicks, 0) == 0) return;
            var result = await store.AppendAsync(Stream, ExpectedRevision.After(_revision),
                [LeaseEvents.ToEventData(LeaseEvents.Released, new LeaseTerm(Holder, clock.GetUtcNow()))], cancellationToken: cancellationToken);
            logger.LeaseReleased(role, Holder, result is AppendResult.Success ? "released" : "already taken");
        }
        finally
        {
            _gate.Release();
        }
    }

    private bool Lost()
    {
        Interlocked.Exchange(ref _heldUntilTicks, 0);
        return false;
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await foreach (var recorded in store.ReadStreamAsync(Stream, _revision + 1, int.MaxValue, cancellationToken))
        {
            _revision = recorded.StreamRevision;
            if (LeaseEvents.Read(recorded) is { } term) Volatile.Write(ref _last, term);
        }
    }
}
