using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Queries;
using FlashSale.Application.DeadLetters;
using FlashSale.ReadModels.Queries;
using Mediator;

namespace FlashSale.Api.Admin;

public static class DeadLetterCommandEndpoints
{
    internal sealed record DiscardBody(string? Reason);

    public static void MapDeadLetterCommands(this IEndpointRouteBuilder app)
    {
        var dlq = app.MapGroup("/api/admin/dlq").AddEndpointFilter<OperatorOnlyFilter>();

        dlq.MapPost("/{orderId}/retry", async (string orderId, HttpContext http, IMediator mediator, ReadModelQueries queries) =>
        {
            var namedItem = QueryInput.Text(http.Request, "itemId");
            if ((QueryInput.Id("orderId", orderId) ?? (namedItem is null ? null : QueryInput.Id("itemId", namedItem))) is { } invalid) return invalid;
            try
            {
                var itemId = namedItem ?? await ItemOfAsync(queries, orderId, http.RequestAborted);
                var receipt = await mediator.Send(new RetryDeadLetterRequest(orderId, RequestContext.For(http, "operator"), itemId),
                    http.RequestAborted);
                return Results.Ok(View(receipt));
            }
            catch (Exception ex)
            {
                return Problems.From(ex);
            }
        });

        dlq.MapPost("/{orderId}/discard", async (string orderId, HttpContext http, IMediator mediator, ReadModelQueries queries) =>
        {
            var namedItem = QueryInput.Text(http.Request, "itemId");
            if ((QueryInput.Id("orderId", orderId) ?? (namedItem is null ? null : QueryInput.Id("itemId", namedItem))) is { } invalid) return invalid;
            var (body, problem) = await OptionalBodyAsync(http.Request);
            if (problem is not null) return problem;
            try
            {
                var itemId = namedItem ?? await ItemOfAsync(queries, orderId, http.RequestAborted);
                var receipt = await mediator.Send(new DiscardDeadLetterRequest(orderId, body?.Reason,
                    RequestContext.For(http, "operator"), itemId), http.RequestAborted);
                return Results.Ok(View(receipt));
            }
            catch (Exception ex)
            {
                return Problems.From(ex);
            }
        });
    }

    /// <summary>The dead-letter model knows the order's item even when this process's order index has not seen it.</summary>
    private static async Task<string?> ItemOfAsync(ReadModelQueries queries, string orderId, CancellationToken cancellationToken) =>
        (await queries.GetDeadLetterAsync(orderId, cancellationToken))?.ItemId;

    private static async Task<(DiscardBody? Body, IResult? Problem)> OptionalBodyAsync(HttpRequest request)
    {
        if (request.ContentLength == 0) return (null, null);
        if (string.IsNullOrEmpty(request.ContentType))
        {
            // No media type: fine when there is no body at all; otherwise the strict reader explains what is wrong.
            var probe = new byte[1];
            if (await request.Body.ReadAsync(probe, request.HttpContext.RequestAborted) == 0) return (null, null);
        }
        return await JsonBody.ReadAsync<DiscardBody>(request);
    }

    private static object View(DeadLetterReceipt r) => new
    {
        r.OrderId,
        r.ItemId,
        r.Outcome,
        r.Reason,
        r.ReservedUntil,
        r.Retry,
        r.Repeated,
        Position = r.Position.ToToken(),
    };
}
