using FlashSale.Api.Queries;

namespace FlashSale.Api.Http;

/// <summary>The problems an endpoint can answer, as OpenAPI metadata, named once per kind of endpoint.</summary>
public static class ProblemMetadata
{
    /// <summary>A strict JSON body (<see cref="JsonBody"/>): 400 malformed or invalid, 413 too large, 415 not JSON.</summary>
    /// <remarks>No <c>Accepts&lt;TBody&gt;</c>: routing would then answer a body of another media type itself, with the
    /// framework's 415 and before the operator check.</remarks>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>A command: 503 when the event store fails, the item stays contended or the service shuts down.</summary>
    public static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>A read-model query: 400 for its input (ids, paging, <c>minPosition</c>), 503 when the model is behind.</summary>
    public static RouteHandlerBuilder ProducesQueryProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<ReadModelBehindProblem>(StatusCodes.Status503ServiceUnavailable, ProblemResult.MediaType);
}
