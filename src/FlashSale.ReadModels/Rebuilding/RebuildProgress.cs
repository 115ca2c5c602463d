using FlashSale.EventStore;

namespace FlashSale.ReadModels.Rebuilding;

/// <summary>How far a rebuild is. <see cref="Eta"/> and <see cref="Fraction"/> estimate the remaining events from the
/// log positions (exact on the gap-free SQLite log, proportional on EventStoreDB's byte positions).</summary>
public sealed record RebuildProgress(
    string Projection,
    string Phase,
    long EventsDone,
    double EventsPerSecond,
    double Fraction,
    TimeSpan? Eta,
    LogPosition? Position,
    LogPosition? Head,
    DateTimeOffset StartedAt,
    TimeSpan Elapsed,
    string? Error = null)
{
    public static RebuildProgress Estimate(string projection, string phase, long done, LogPosition? position, LogPosition? head,
        DateTimeOffset startedAt, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? done / elapsed.TotalSeconds : 0;
        // Nothing replayed yet is 0% whatever the head (an empty log too): only a finished rebuild is 100% before it moves.
        var fraction = phase == RebuildPhases.Done ? 1.0
            : position is null ? 0.0
            : head is null || head.Value.Commit == 0 ? 1.0
            : Math.Clamp((double)position.Value.Commit / head.Value.Commit, 0, 1);
        TimeSpan? eta = fraction >= 1 ? TimeSpan.Zero
            : fraction <= 0 || rate <= 0 ? null
            : TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction);
        return new RebuildProgress(projection, phase, done, rate, fraction, eta, position, head, startedAt, elapsed);
    }

    /// <summary>The first report of a rebuild: replaying, nothing done, 0%.</summary>
    public static RebuildProgress Starting(string projection, DateTimeOffset startedAt) =>
        Estimate(projection, RebuildPhases.Replaying, 0, null, null, startedAt, TimeSpan.Zero);
}

public static class RebuildPhases
{
    public const string Replaying = "replaying";
    public const string Swapping = "swapping";
    public const string Done = "done";
    public const string Failed = "failed";
    public const string Abandoned = "abandoned";
}
