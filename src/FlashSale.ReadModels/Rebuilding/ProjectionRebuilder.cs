using FlashSale.Contracts;
using System.Diagnostics;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Logging;

namespace FlashSale.ReadModels.Rebuilding;

/// <summary>
/// Rebuilds a projection without downtime: replays the whole log into a shadow table while the live table keeps
/// serving (and following the log), catches the shadow up to the head, then swaps it in atomically. The live
/// runner notices the moved checkpoint and continues from the swapped-in model. Only one rebuild of a projection runs at
/// a time over all processes on the read store: each first takes the projection's <see cref="RebuildClaims">claim</see>.
/// </summary>
public sealed class ProjectionRebuilder(IEventStore events, IReadModelStore store, ReadModelOptions options, TimeProvider clock,
    ILogger<ProjectionRebuilder> logger, RebuildClaims? claims = null)
{
    private static readonly TimeSpan ReportEvery = TimeSpan.FromSeconds(1);

    public RebuildClaims Claims { get; } = claims ?? new RebuildClaims(store, clock);

    /// <summary>Takes the projection's rebuild claim, rebuilds, releases the claim.</summary>
    /// <exception cref="Domain.DomainException"><see cref="RebuildRefusal.RunningCode"/>: another process is rebuilding it.</exception>
    public async Task<RebuildProgress> RebuildAsync(IProjection projection, Action<RebuildProgress>? report = null,
        CancellationToken cancellationToken = default)
    {
        var attempt = await Claims.TryClaimAsync(projection.Name, cancellationToken);
        if (attempt.Refusal is { } refusal) throw refusal.ToException();
        await using var claim = attempt.Claim!;
        return await RebuildAsync(projection, claim, report, cancellationToken);
    }

    /// <summary>Rebuilds under a claim the caller took and releases.</summary>
    public async Task<RebuildProgress> RebuildAsync(IProjection projection, RebuildClaim claim, Action<RebuildProgress>? report,
        CancellationToken cancellationToken = default)
    {
        if (claim.Projection != projection.Name)
            throw new ArgumentException($"The claim is for '{claim.Projection}', not '{projection.Name}'.", nameof(claim));
        var startedAt = clock.GetUtcNow();
        var watch = Stopwatch.StartNew();
        report?.Invoke(RebuildProgress.Starting(projection.Name, startedAt));
        await store.StartShadowAsync(projection, startedAt, cancellationToken);
        try
        {
            var shadow = await store.ReadCheckpointAsync(projection.Name, ReadModelSlot.Shadow, cancellationToken)
                ?? throw new InvalidOperationException($"The shadow of '{projection.Name}' vanished as it was created.");
            var writer = new ProjectionWriter(projection, ReadModelSlot.Shadow, store, shadow, clock, startsEmpty: true, cacheLimit: 2_000_000,
                logger: logger);
            logger.ProjectionRebuildStarted(projection.Name);
            var lastReport = TimeSpan.Zero;
            while (true)
            {
                var head = await events.ReadHeadPositionAsync(cancellationToken);
                var next = ReadPageAsync(writer.Position, cancellationToken);
                while (true)
                {
                    var page = await next;
                    if (page.Count == 0) break;
                    // The next page is read while this one is applied and committed: log and store work in parallel.
                    next = ReadPageAsync(page[^1].Position, cancellationToken);
                    await writer.ApplyAsync(page, cancellationToken);
                    if (writer.Position > head) head = writer.Position;
                    if (watch.Elapsed - lastReport < ReportEvery) continue;
                    lastReport = watch.Elapsed;
                    var progress = Estimate(RebuildPhases.Replaying);
                    report?.Invoke(progress);
                    logger.ProjectionRebuildProgress(projection.Name, progress.EventsDone, progress.EventsPerSecond, progress.Fraction, progress.Eta);
                }
                report?.Invoke(Estimate(RebuildPhases.Swapping));
                switch (await store.SwapShadowAsync(projection, writer.Version, cancellationToken))
                {
                    case SwapOutcome.Swapped:
                        var done = Estimate(RebuildPhases.Done);
                        report?.Invoke(done);
                        logger.ProjectionRebuilt(projection.Name, done.EventsDone, done.Elapsed, done.EventsPerSecond);
                        return done;
                    case SwapOutcome.Conflict:
                        throw new InvalidOperationException($"Another rebuild of '{projection.Name}' replaced this one.");
                    case SwapOutcome.ShadowBehind:
                        continue; // the live model moved on while we swapped: catch up once more
                }

                RebuildProgress Estimate(string phase) => RebuildProgress.Estimate(projection.Name, phase, writer.EventsApplied,
                    writer.Position, head, startedAt, watch.Elapsed);
            }
        }
        catch (Exception ex)
        {
            logger.ProjectionRebuildFailed(ex, projection.Name);
            if (ex is not InvalidOperationException) await TryDropShadowAsync(projection);
            throw;
        }
    }

    /// <summary>On the thread pool: some adapters (SQLite) read synchronously inside their async methods.</summary>
    private Task<List<RecordedEvent>> ReadPageAsync(LogPosition? after, CancellationToken cancellationToken) =>
        Task.Run(() => events.ReadAllAsync(after, options.RebuildBatchSize, ItemStreams.Filter, cancellationToken).ToListAsync(cancellationToken).AsTask(),
            cancellationToken);

    private async Task TryDropShadowAsync(IProjection projection)
    {
        try
        {
            await store.DropShadowAsync(projection, CancellationToken.None);
        }
        catch (Exception ex)
        {
            logger.ProjectionShadowNotDropped(ex, projection.Name);
        }
    }
}
