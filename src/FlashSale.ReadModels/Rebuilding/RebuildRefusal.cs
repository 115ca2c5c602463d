using FlashSale.Domain;
using FlashSale.ReadModels.Storage;

namespace FlashSale.ReadModels.Rebuilding;

/// <summary>Why a rebuild was not started: one of the projection is already running, here or in another process.</summary>
public sealed record RebuildRefusal(string Projection, string Message)
{
    /// <summary>The problem code of the API's 409 and of the CLI's refusal (exit code 5).</summary>
    public const string RunningCode = "projection.rebuild_running";

    public static RebuildRefusal InThisProcess(string projection) => new(projection,
        $"A rebuild of '{projection}' is already running in this process; follow it at /api/admin/projections/{projection}.");

    public static RebuildRefusal HeldBy(RebuildClaimRecord claim) => new(claim.Projection,
        $"A rebuild of '{claim.Projection}' is already running in {claim.Holder}, started at {Moment(claim.ClaimedAt)}; wait for it " +
        $"to finish ('flashsale projections status' or GET /api/admin/projections/{claim.Projection} shows it). If that process has " +
        $"died, its claim expires at {Moment(claim.ExpiresAt)} and a rebuild can start again.");

    /// <summary>What the CLI reports as a refusal (exit code 5) and the API as 409 with <see cref="RunningCode"/>.</summary>
    public DomainException ToException() => new(RunningCode, Message);

    private static string Moment(DateTimeOffset at) => Domain.Items.ItemDecider.Moment(at);
}
