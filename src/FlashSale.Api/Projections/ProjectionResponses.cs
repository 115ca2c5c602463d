using FlashSale.Api.Queries;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Storage;

namespace FlashSale.Api.Projections;

public sealed record ProjectionList(IReadOnlyList<ProjectionStatusView> Projections);

/// <summary>Projection status as JSON: positions as the same opaque tokens clients use, durations in seconds.</summary>
public sealed record ProjectionStatusView(
    string Name,
    string State,
    string? Checkpoint,
    string? Head,
    long LagEvents,
    bool LagEventsAtLeast,
    double LagSeconds,
    long EventsApplied,
    long DeadLetters,
    string? Error,
    DateTimeOffset UpdatedAt,
    RebuildProgressView? Rebuild)
{
    public static ProjectionStatusView From(ProjectionStatus s) => new(s.Name, s.State, s.Checkpoint?.ToToken(), s.Head?.ToToken(),
        s.LagEvents, s.LagEventsAtLeast, s.LagSeconds, s.EventsApplied, s.PoisonEvents, s.Error, s.UpdatedAt,
        s.Rebuild is { } r ? RebuildProgressView.From(r) : null);
}

/// <summary>A rebuild just started; follow it at the projection's status.</summary>
public sealed record RebuildAccepted(string Projection, RebuildProgressView? Rebuild);

public sealed record RebuildProgressView(
    string Phase,
    long EventsDone,
    double EventsPerSecond,
    double Fraction,
    double? EtaSeconds,
    string? Position,
    string? Head,
    DateTimeOffset StartedAt,
    double ElapsedSeconds,
    string? Error)
{
    public static RebuildProgressView From(RebuildProgress p) => new(p.Phase, p.EventsDone, Math.Round(p.EventsPerSecond, 1),
        Math.Round(p.Fraction, 4), p.Eta?.TotalSeconds is { } eta ? Math.Round(eta, 1) : null, p.Position?.ToToken(), p.Head?.ToToken(),
        p.StartedAt, Math.Round(p.Elapsed.TotalSeconds, 3), p.Error);
}

/// <summary>Events a projection could not apply, newest first, a page at a time (the paging fields of <see cref="Paged{T}"/>).</summary>
public sealed record PoisonEventList(string Projection, IReadOnlyList<PoisonEventView> Items, int Limit, int Offset, bool HasMore,
    string? Next, int? NextOffset)
{
    public static PoisonEventList Of(string projection, ReadPage<PoisonEvent> page, HttpRequest request) =>
        new(projection, [.. page.Rows.Select(PoisonEventView.From)], page.Limit, page.Offset, page.HasMore, Paged.NextOf(page, request),
            page.NextOffset);
}

public sealed record PoisonEventView(string Position, string StreamId, long StreamRevision, string EventType, string Error,
    DateTimeOffset RecordedAt)
{
    public static PoisonEventView From(PoisonEvent p) =>
        new(p.Position.ToToken(), p.StreamId, p.StreamRevision, p.EventType, p.Error, p.RecordedAt);
}
