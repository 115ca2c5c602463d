using FlashSale.Api.Queries;
using FlashSale.Application.CommandPath;
using FlashSale.Domain;

namespace FlashSale.Api.Http;

/// <summary>The problem <c>code</c>s an endpoint can answer with one status: the OpenAPI document lists them per
/// response (<c>x-problem-codes</c>). Several may name the same status; their codes add up.</summary>
public sealed record ProblemCodesMetadata(int Status, IReadOnlyList<string> Codes);

/// <summary>An endpoint that acts for a named user: a buyer token for another user answers 403 <c>user.mismatch</c>
/// (only under <c>Buyers:Authentication=Jwt</c>, where a caller acts for its own user only).</summary>
public sealed record UserMismatchMetadata;

/// <summary>The problems an endpoint can answer, as endpoint metadata, named once per kind of endpoint.</summary>
public static class ProblemMetadata
{
    public const string ValidationFailed = "validation_failed";

    /// <summary>The item commands' failures of the event store and the command path (503; 410 for a deleted stream).</summary>
    public static readonly string[] CommandUnavailable =
    [
        "event_store.unavailable", "event_store.timeout", "event_store.circuit_open", "event_store.access_denied",
        "event_store.append_too_large", "concurrency_exhausted", Problems.Overloaded, "shutting_down", DomainErrors.ItemUnreadable,
    ];

    public static RouteHandlerBuilder ProducesUserMismatch(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new UserMismatchMetadata());

    public static RouteHandlerBuilder ProducesProblemCodes(this RouteHandlerBuilder endpoint, int status, params string[] codes) =>
        endpoint.WithMetadata(new ProblemCodesMetadata(status, codes));

    /// <summary>A strict JSON body (<see cref="JsonBody"/>): 400 malformed or invalid, 413 too large, 415 not JSON; a
    /// request the server could not read as HTTP (<see cref="ServerRejections"/>).</summary>
    /// <remarks>No <c>Accepts&lt;TBody&gt;</c>: routing would then answer a body of another media type itself, with the
    /// framework's 415 and before the operator check. The document describes the body from the handler's body record.</remarks>
    public static RouteHandlerBuilder ProducesBodyProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblemCodes(StatusCodes.Status400BadRequest, "malformed_body", ValidationFailed, ServerRejections.BadRequestCode)
        .ProducesProblemCodes(StatusCodes.Status408RequestTimeout, ServerRejections.RequestTimeoutCode)
        .ProducesProblemCodes(StatusCodes.Status413PayloadTooLarge, ServerRejections.BodyTooLargeCode)
        .ProducesProblemCodes(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", JsonBody.UnsupportedCharsetCode);

    /// <summary>A command: its correlation id, and 503 when the event store fails, the item stays contended or the
    /// service shuts down.</summary>
    public static RouteHandlerBuilder ProducesCommandProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblemCodes(StatusCodes.Status400BadRequest, RequestContext.InvalidCorrelationIdCode)
        .ProducesProblemCodes(StatusCodes.Status410Gone, "event_store.stream_deleted")
        .ProducesProblemCodes(StatusCodes.Status503ServiceUnavailable, CommandUnavailable);

    /// <summary>An operator's retry or discard of a dead letter: the order, its item and its state decide.</summary>
    public static RouteHandlerBuilder ProducesDeadLetterDecisionProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblemCodes(StatusCodes.Status404NotFound, DomainErrors.OrderNotFound, DomainErrors.ItemNotFound)
        .ProducesProblemCodes(StatusCodes.Status409Conflict, DomainErrors.OrderNotDeadLettered, DomainErrors.OrderDiscarded,
            DomainErrors.OrderAmbiguous)
        .ProducesCommandProblems().ProducesOrderIndexProblems();

    /// <summary>A command that finds an order's item through the order index: 503 (with Retry-After) while the index is
    /// still catching up with the log after a start.</summary>
    public static RouteHandlerBuilder ProducesOrderIndexProblems(this RouteHandlerBuilder endpoint) =>
        endpoint.ProducesProblemCodes(StatusCodes.Status503ServiceUnavailable, OrderIndexCatchingUpException.Code);

    /// <summary>A read-model query: 400 for its input (ids, paging, <c>minPosition</c>), 503 when the model is behind.</summary>
    public static RouteHandlerBuilder ProducesQueryProblems(this RouteHandlerBuilder endpoint) => endpoint
        .ProducesProblemCodes(StatusCodes.Status400BadRequest, ValidationFailed, ReadModelGate.InvalidMinPositionCode,
            ReadModelGate.AheadMinPositionCode)
        .ProducesProblemCodes(StatusCodes.Status503ServiceUnavailable, ReadModelBehindException.Code, Problems.ReadStoreUnavailable)
        .Produces<ReadModelBehindProblem>(StatusCodes.Status503ServiceUnavailable, ProblemResult.MediaType);
}
