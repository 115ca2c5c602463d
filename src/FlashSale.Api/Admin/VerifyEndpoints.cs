using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Projections;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Api.Admin;

public static class VerifyEndpoints
{
    /// <summary>Replays the log in memory and compares it with the read models: 200 either way, <c>clean</c> says the verdict.</summary>
    public static void MapAuditVerify(this IEndpointRouteBuilder app)
    {
        var verify = app.MapMethods("/api/admin/audit/verify", [HttpMethods.Get, HttpMethods.Post],
            async (HttpContext http, ReplayVerifier verifier, IReadOnlyList<IProjection> projections) =>
            {
                string[] only = [.. http.Request.Query["projection"].OfType<string>()];
                if (only.FirstOrDefault(n => projections.All(p => p.Name != n)) is { } unknown)
                    return Problems.Create(StatusCodes.Status404NotFound, "Projection not found",
                        $"There is no projection '{unknown}'; the projections are: {string.Join(", ", projections.Select(p => p.Name))}.",
                        ProjectionEndpoints.NotFoundCode);
                var report = await verifier.VerifyAsync(only, http.RequestAborted);
                return Results.Ok(new
                {
                    Clean = report.IsClean,
                    Differences = report.Projections.Sum(p => p.Differences.Count),
                    Projections = report.Projections.Select(p => new
                    {
                        p.Projection,
                        Checkpoint = p.Checkpoint?.ToToken(),
                        p.RowsCompared,
                        p.RowsSkipped,
                        p.Differences,
                    }),
                });
            });
        verify.AddEndpointFilter<OperatorOnlyFilter>();
    }
}
