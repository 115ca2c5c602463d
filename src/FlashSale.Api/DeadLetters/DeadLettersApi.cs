using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.Application.DeadLetters;
using FlashSale.Projections.DeadLetters;
using FlashSale.ReadModels.Queries;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashSale.Api.DeadLetters;

/// <summary>The dead-letter queue: orders whose payment timed out, waiting for an operator to retry or discard them.</summary>
public static class DeadLettersApi
{
    public const string NotFoundCode = "dead_letter.not_found";

    public static IEndpointRouteBuilder MapDeadLettersApi(this IEndpointRouteBuilder app)
    {
        var dlq = app.MapGroup("/api/admin/dlq").WithTags("Dead letters").RequireOperator();
        dlq.MapGet("/", ListDeadLettersAsync)
            .WithName("ListDeadLetters").WithSummary("Dead letters, oldest first, by state and item")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, DeadLetterFilter.InvalidStateCode).ProducesQueryProblems();
        dlq.MapGet("/{orderId}", GetDeadLetterAsync)
            .WithName("GetDeadLetter").WithSummary("One dead letter")
            .ProducesProblemCodes(StatusCodes.Status404NotFound, NotFoundCode).ProducesQueryProblems();
        dlq.MapPost("/{orderId}/retry", RetryDeadLetterAsync)
            .WithName("RetryDeadLetter").WithSummary("Reserve the order's stock again, with a new payment window")
            .ProducesProblemCodes(StatusCodes.Status400BadRequest, ProblemMetadata.ValidationFailed).ProducesDeadLetterDecisionProblems();
        dlq.MapPost("/{orderId}/discard", DiscardDeadLetterAsync)
            .WithName("DiscardDeadLetter").WithSummary("Close the order for good")
            .ProducesBodyProblems().ProducesDeadLetterDecisionProblems();
        return app;
    }

    public static async Task<Ok<Paged<DeadLetterRow>>> ListDeadLettersAsync([AsParameters] DeadLetterFilter filter,
        [AsParameters] PageQuery paging, [AsParameters] MinPositionQuery freshness, HttpContext http, ReadModelGate gate,
        ReadModelQueries queries)
    {
        filter.Check();
        var page = paging.ToPage();
        var checkpoint = await gate.EnterAsync(http, DeadLetterProjection.ProjectionName, freshness);
        var rows = await queries.DeadLettersPageAsync(filter.State, filter.ItemId, page, http.RequestAborted);
        return TypedResults.Ok(Paged.Of(rows, http.Request, checkpoint));
    }

    public static async Task<Results<Ok<DeadLetterRow>, ProblemResult>> GetDeadLetterAsync(string orderId, [AsParameters] ItemChoice item,
        [AsParameters] MinPositionQuery freshness, HttpContext http, ReadModelGate gate, ReadModelQueries queries)
    {
        QueryInput.CheckId("orderId", orderId);
        var itemId = item.Checked();
        await gate.EnterAsync(http, DeadLetterProjection.ProjectionName, freshness);
        return await queries.GetDeadLetterAsync(orderId, itemId, http.RequestAborted) is { } row
            ? TypedResults.Ok(row)
            : Problems.Create(StatusCodes.Status404NotFound, "Dead letter not found",
                $"Order '{orderId}' is not in the dead-letter queue.", NotFoundCode);
    }

    public static async Task<Ok<DeadLetterDecision>> RetryDeadLetterAsync(string orderId, [AsParameters] ItemChoice item, HttpContext http,
        IMediator mediator, ReadModelQueries queries)
    {
        QueryInput.CheckId("orderId", orderId);
        var itemId = item.Checked() ?? await ItemOfAsync(queries, orderId, http.RequestAborted);
        var receipt = await mediator.Send(new RetryDeadLetterRequest(orderId, RequestContext.For(http, "operator"), itemId),
            http.RequestAborted);
        return TypedResults.Ok(DeadLetterDecision.From(receipt));
    }

    public static async Task<Ok<DeadLetterDecision>> DiscardDeadLetterAsync(string orderId, [AsParameters] ItemChoice item, DiscardBody? body,
        HttpContext http, IMediator mediator, ReadModelQueries queries)
    {
        QueryInput.CheckId("orderId", orderId);
        var itemId = item.Checked() ?? await ItemOfAsync(queries, orderId, http.RequestAborted);
        var receipt = await mediator.Send(new DiscardDeadLetterRequest(orderId, body?.Reason, RequestContext.For(http, "operator"), itemId),
            http.RequestAborted);
        return TypedResults.Ok(DeadLetterDecision.From(receipt));
    }

    /// <summary>The dead-letter model knows the order's item even when this process's order index has not seen it.</summary>
    private static async Task<string?> ItemOfAsync(ReadModelQueries queries, string orderId, CancellationToken cancellationToken) =>
        (await queries.GetDeadLetterAsync(orderId, cancellationToken))?.ItemId;
}
