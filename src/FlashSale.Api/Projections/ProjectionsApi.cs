using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.Projections;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Rebuilding;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Api.Projections;

public static class ProjectionsApi
{
    public const string NotFoundCode = "projection.not_found";
    public const string RebuildRunningCode = RebuildRefusal.RunningCode;

    public static IEndpointRouteBuilder MapProjectionsApi(this IEndpointRouteBuilder app)
    {
        var projections = app.MapGroup("/api/admin/projections").WithTags("Projections").RequireOperator();
        projections.MapGet("/", ListProjectionsAsync)
            .WithName("ListProjections").WithSummary("Status of every projection: checkpoint, head, lag, state, rebuild");
        projections.MapGet("/{name}", GetProjectionAsync)
            .WithName("GetProjection").WithSummary("Status of one projection").ProducesProblemCodes(StatusCodes.Status404NotFound, NotFoundCode);
        projections.MapPost("/{name}/rebuild", RebuildProjection)
            .WithName("RebuildProjection").WithSummary("Replay the log into shadow tables, then swap them in")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, NotFoundCode).ProducesProblemCodes(StatusCodes.Status409Conflict, RebuildRunningCode);
        projections.MapGet("/{name}/poison-events", ListPoisonEventsAsync)
            .WithName("ListPoisonEvents").WithSummary("Events the projection could not apply, newest first")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemMetadata.ValidationFailed).ProducesProblemCodes(StatusCodes.Status404NotFound, NotFoundCode);
        projections.MapGet("/{name}/dead-letters", ListPoisonEventsUnderOldNameAsync)
            .WithName("ListPoisonEventsDeprecated").WithSummary("Deprecated: the old route of poison-events")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemMetadata.ValidationFailed).ProducesProblemCodes(StatusCodes.Status404NotFound, NotFoundCode);
        return app;
    }

    public static async Task<Ok<ProjectionList>> ListProjectionsAsync(ProjectionStatusQuery status, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ProjectionList([.. (await status.GetAllAsync(cancellationToken)).Select(ProjectionStatusView.From)]));

    public static async Task<Results<Ok<ProjectionStatusView>, ProblemResult>> GetProjectionAsync(string name,
        ProjectionStatusQuery status, IReadOnlyList<IProjection> projections, CancellationToken cancellationToken) =>
        await status.GetAsync(name, cancellationToken) is { } found
            ? TypedResults.Ok(ProjectionStatusView.From(found))
            : NotFound(name, projections);

    /// <summary>Refused with 409 when a rebuild of the projection runs in this process or in another one on the read store
    /// (the CLI), which holds its rebuild claim.</summary>
    public static async Task<Results<Accepted<RebuildAccepted>, ProblemResult>> RebuildProjection(string name, ProjectionStatusQuery status,
        RebuildCoordinator rebuilds, IReadOnlyList<IProjection> projections, IHostApplicationLifetime lifetime)
    {
        if (status.Find(name) is not { } projection) return NotFound(name, projections);
        var start = await rebuilds.StartAsync(projection, lifetime.ApplicationStopping);
        if (start.Rebuild is not { } rebuild)
            return Problems.Create(StatusCodes.Status409Conflict, "Rebuild already running", start.Refusal!.Message, RebuildRunningCode);
        // The rebuilder logs a failure and the status keeps its error; observing it here only keeps it from going unobserved.
        _ = rebuild.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        var progress = rebuilds.LatestOf(name);
        return TypedResults.Accepted($"/api/admin/projections/{Uri.EscapeDataString(name)}",
            new RebuildAccepted(name, progress is null ? null : RebuildProgressView.From(progress)));
    }

    /// <remarks>Newest first, as an operator looking at a fault wants.</remarks>
    public static async Task<Results<Ok<PoisonEventList>, ProblemResult>> ListPoisonEventsAsync(string name,
        [AsParameters] PageQuery paging, HttpContext http, ProjectionStatusQuery status, IReadOnlyList<IProjection> projections,
        ReadModelQueries queries)
    {
        if (status.Find(name) is null) return NotFound(name, projections);
        var page = paging.ToPage();
        var poison = await queries.PoisonEventsPageAsync(name, page, http.RequestAborted);
        return TypedResults.Ok(PoisonEventList.Of(name, poison, http.Request));
    }

    public static Task<Results<Ok<PoisonEventList>, ProblemResult>> ListPoisonEventsUnderOldNameAsync(string name,
        [AsParameters] PageQuery paging, HttpContext http, ProjectionStatusQuery status, IReadOnlyList<IProjection> projections,
        ReadModelQueries queries)
    {
        Deprecation.Announce(http.Response, $"/api/admin/projections/{Uri.EscapeDataString(name)}/poison-events");
        return ListPoisonEventsAsync(name, paging, http, status, projections, queries);
    }

    public static ProblemResult NotFound(string name, IReadOnlyList<IProjection> projections) =>
        Problems.Create(StatusCodes.Status404NotFound, "Projection not found",
            $"There is no projection '{name}'; the projections are: {string.Join(", ", projections.Select(p => p.Name))}.", NotFoundCode);
}
