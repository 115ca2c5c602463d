using FlashSale.Api.Operators;
using FlashSale.Api.Projections;
using FlashSale.Api.Http;
using FlashSale.Projections;
using FlashSale.ReadModels.Audit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FlashSale.Api.Audit;

/// <summary>How an operator finds corruption before deciding to rebuild: the log replayed in memory, compared with the read models.</summary>
public static class VerifyApi
{
    public static IEndpointRouteBuilder MapVerifyApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/audit").WithTags("Audit").RequireOperator()
            .MapMethods("/verify", [HttpMethods.Get, HttpMethods.Post], VerifyAsync)
            .WithName("VerifyReadModels").WithSummary("Compare the read models with a replay of the log; 200 either way, clean says the verdict")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, ProjectionsApi.NotFoundCode);
        return app;
    }

    public static async Task<Results<Ok<VerifyReport>, ProblemResult>> VerifyAsync([FromQuery(Name = "projection")] string[] only,
        ReplayVerifier verifier, IReadOnlyList<IProjection> projections, CancellationToken cancellationToken)
    {
        if (only.FirstOrDefault(n => projections.All(p => p.Name != n)) is { } unknown) return ProjectionsApi.NotFound(unknown, projections);
        return TypedResults.Ok(VerifyReport.From(await verifier.VerifyAsync(only, cancellationToken)));
    }
}

/// <param name="Differences">How many rows differ, over all projections.</param>
/// <param name="UnreadEvents">Events of unknown types or unreadable data the replay skipped, as the projections do.</param>
public sealed record VerifyReport(bool Clean, int Differences, IReadOnlyList<VerifiedProjection> Projections,
    IReadOnlyList<SkippedEvent> UnreadEvents)
{
    public static VerifyReport From(VerificationReport report) => new(report.IsClean, report.Projections.Sum(p => p.Differences.Count),
        [.. report.Projections.Select(p => new VerifiedProjection(p.Projection, p.Checkpoint?.ToToken(), p.RowsCompared, p.RowsSkipped, p.Differences))],
        [.. report.UnreadEvents.Select(u => new SkippedEvent(u.Kind, u.StreamId, u.Revision, u.Position.ToToken(), u.Type, u.Error))]);
}

/// <param name="Kind"><c>unknown</c> (a newer version's type) or <c>unreadable</c> (its data does not fit its type).</param>
public sealed record SkippedEvent(string Kind, string StreamId, long Revision, string Position, string Type, string? Error);

public sealed record VerifiedProjection(string Projection, string? Checkpoint, long RowsCompared, long RowsSkipped,
    IReadOnlyList<RowDifference> Differences);
