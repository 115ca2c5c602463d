using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.Projections;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Rebuilding;

namespace FlashSale.Api.Admin;

public static class ProjectionEndpoints
{
    public const string NotFoundCode = "projection.not_found";
    public const string RebuildRunningCode = "projection.rebuild_running";

    public static void MapProjectionAdmin(this IEndpointRouteBuilder app)
    {
        var projections = app.MapGroup("/api/admin/projections").AddEndpointFilter<OperatorOnlyFilter>();

        projections.MapGet("/", async (ProjectionStatusQuery status, CancellationToken cancellationToken) =>
            Results.Ok(new { Projections = (await status.GetAllAsync(cancellationToken)).Select(ProjectionStatusView.From) }));

        projections.MapGet("/{name}", async (string name, HttpContext http, ProjectionStatusQuery status) =>
            await status.GetAsync(name, http.RequestAborted) is { } found
                ? Results.Ok(ProjectionStatusView.From(found))
                : NotFound(name, http.RequestServices));

        projections.MapPost("/{name}/rebuild", (string name, HttpContext http, ProjectionStatusQuery status, RebuildCoordinator rebuilds,
            IHostApplicationLifetime lifetime) =>
        {
            if (status.Find(name) is not { } projection) return NotFound(name, http.RequestServices);
            if (!rebuilds.TryStart(projection, lifetime.ApplicationStopping, out var rebuild))
                return Problems.Create(StatusCodes.Status409Conflict, "Rebuild already running",
                    $"A rebuild of '{name}' is already running in this process; follow it at /api/admin/projections/{name}.", RebuildRunningCode);
            // The rebuilder logs a failure and the status keeps its error; observing it here only keeps it from going unobserved.
            _ = rebuild.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var progress = rebuilds.LatestOf(name);
            return Results.Accepted($"/api/admin/projections/{Uri.EscapeDataString(name)}",
                new { Projection = name, Rebuild = progress is null ? null : RebuildProgressView.From(progress) });
        });

        projections.MapGet("/{name}/dead-letters", async (string name, HttpContext http, ProjectionStatusQuery status, ReadModelQueries queries) =>
        {
            if (status.Find(name) is null) return NotFound(name, http.RequestServices);
            // Newest first, as an operator looking at a fault wants; the store offers no offset for these.
            var (page, problem) = QueryInput.Paging(http.Request);
            if (problem is not null) return problem;
            var poison = await queries.PoisonEventsAsync(name, page.Limit, http.RequestAborted);
            return Results.Ok(new
            {
                Projection = name,
                Items = poison.Select(p => new { Position = p.Position.ToToken(), p.StreamId, p.StreamRevision, p.EventType, p.Error, p.RecordedAt }),
            });
        });
    }

    private static IResult NotFound(string name, IServiceProvider services) =>
        Problems.Create(StatusCodes.Status404NotFound, "Projection not found",
            $"There is no projection '{name}'; the projections are: " +
            $"{string.Join(", ", services.GetRequiredService<IReadOnlyList<IProjection>>().Select(p => p.Name))}.", NotFoundCode);
}
