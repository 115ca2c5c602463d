using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Logging;
using FlashSale.ReadModels.Running;
using Microsoft.Extensions.Logging.Abstractions;

namespace FlashSale.ReadModels.Rebuilding;

/// <summary>
/// Who may rebuild a projection now, across processes: a claim in the read store (so it holds for every process on that
/// store, the SQLite file or PostgreSQL), taken before a rebuild starts, renewed while it runs and released when it ends.
/// A claim nobody renews for <see cref="Lease"/> (its process was killed) expires, so a crash never blocks rebuilds for long.
/// </summary>
public sealed class RebuildClaims(IReadModelStore store, TimeProvider clock, ILogger<RebuildClaims>? logger = null)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(10);

    /// <summary>This process as a refusal names it to the operator of another one.</summary>
    public static string ThisProcess { get; } =
        $"{Path.GetFileNameWithoutExtension(Environment.GetCommandLineArgs().FirstOrDefault() ?? "process")} " +
        $"(pid {Environment.ProcessId} on {Environment.MachineName})";

    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <returns>The claim (dispose it to release it), or why another process holds it.</returns>
    public async Task<RebuildClaimAttempt> TryClaimAsync(string projection, CancellationToken cancellationToken = default)
    {
        var owner = Guid.NewGuid().ToString("N");
        var now = clock.GetUtcNow();
        var held = await store.ClaimRebuildAsync(projection, owner, ThisProcess, now, now + Lease, cancellationToken);
        return held.Owner == owner
            ? new RebuildClaimAttempt(new RebuildClaim(projection, owner, this), null)
            : new RebuildClaimAttempt(null, RebuildRefusal.HeldBy(held));
    }

    internal async Task<bool> RenewAsync(string projection, string owner, CancellationToken cancellationToken) =>
        await store.RenewRebuildClaimAsync(projection, owner, clock.GetUtcNow() + Lease, cancellationToken);

    internal Task WaitToRenewAsync(CancellationToken cancellationToken) => Task.Delay(RenewEvery, clock, cancellationToken);

    internal async Task ReleaseAsync(string projection, string owner)
    {
        try
        {
            await store.ReleaseRebuildClaimAsync(projection, owner, CancellationToken.None);
        }
        catch (Exception ex)
        {
            _logger.RebuildClaimReleaseFailed(ex, projection, Lease);
        }
    }

    internal void RenewalFailed(string projection, Exception? error) =>
        _logger.RebuildClaimRenewFailed(error, projection);
}

/// <summary>Either a claim or why not.</summary>
public sealed record RebuildClaimAttempt(RebuildClaim? Claim, RebuildRefusal? Refusal);
