using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.Domain;
using FlashSale.Projections.DeadLetters;
using FlashSale.ReadModels.Queries;

namespace FlashSale.Api.Admin;

public static class DeadLetterQueryEndpoints
{
    public const string NotFoundCode = "dead_letter.not_found";
    public const string InvalidStateCode = "dead_letter.invalid_state";

    public static void MapDeadLetterQueries(this IEndpointRouteBuilder app)
    {
        var dlq = app.MapGroup("/api/admin/dlq").AddEndpointFilter<OperatorOnlyFilter>();

        dlq.MapGet("/", async (HttpContext http, ReadModelQueries queries) =>
        {
            var (page, problem) = QueryInput.Paging(http.Request);
            var (minimum, badPosition) = ReadModelGate.MinPosition(http.Request);
            var state = QueryInput.Text(http.Request, "state");
            var itemId = QueryInput.Text(http.Request, "itemId");
            if ((BadState(state) ?? (itemId is null ? null : QueryInput.Id("itemId", itemId)) ?? problem ?? badPosition) is { } invalid)
                return invalid;
            var (checkpoint, behind) = await ReadModelGate.EnterAsync(http, DeadLetterProjection.ProjectionName, minimum);
            if (behind is not null) return behind;
            var rows = await queries.DeadLettersAsync(state, itemId, page.Limit + 1, page.Offset, http.RequestAborted);
            return Results.Ok(Paged.Of(rows, page, http.Request, checkpoint));
        });

        dlq.MapGet("/{orderId}", async (string orderId, HttpContext http, ReadModelQueries queries) =>
        {
            var (minimum, badPosition) = ReadModelGate.MinPosition(http.Request);
            var itemId = QueryInput.Text(http.Request, "itemId");
            if ((QueryInput.Id("orderId", orderId) ?? (itemId is null ? null : QueryInput.Id("itemId", itemId)) ?? badPosition) is { } invalid)
                return invalid;
            var (_, behind) = await ReadModelGate.EnterAsync(http, DeadLetterProjection.ProjectionName, minimum);
            if (behind is not null) return behind;
            try
            {
                return await queries.GetDeadLetterAsync(orderId, itemId, http.RequestAborted) is { } row
                    ? Results.Ok(row)
                    : Problems.Create(StatusCodes.Status404NotFound, "Dead letter not found",
                        $"Order '{orderId}' is not in the dead-letter queue.", NotFoundCode);
            }
            catch (DomainException ex)
            {
                return Problems.From(ex); // order.ambiguous: the id is an order on several items and none was named
            }
        });
    }

    private static IResult? BadState(string? state) =>
        state is null || DeadLetterStates.All.Contains(state)
            ? null
            : Problems.Create(StatusCodes.Status400BadRequest, "Invalid dead-letter state",
                $"'state' must be one of: {string.Join(", ", DeadLetterStates.All)}.", InvalidStateCode,
                new Dictionary<string, string[]> { ["state"] = [$"'state' must be one of: {string.Join(", ", DeadLetterStates.All)}."] });
}
