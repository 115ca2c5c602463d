using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using FlashSale.Application.CommandPath;
using FlashSale.Domain;
using FlashSale.EventStore;
using FluentValidation;

namespace FlashSale.Api.Http;

/// <summary>
/// RFC 9457 problem details. Written by hand rather than through the framework's ProblemDetails service so that a
/// repeated request gets a byte-identical body (no per-request trace ids).
/// </summary>
public sealed record Problem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string? Code = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? OrderId = null,
    string? ItemId = null,
    string? Position = null);

public static class Problems
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Problem texts quote ids with apostrophes; they are JSON string content, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IResult Create(int status, string title, string detail, string code,
        IReadOnlyDictionary<string, string[]>? errors = null) =>
        Write(new Problem($"https://flashsale.dev/problems/{code}", title, status, detail, code, errors));

    public static IResult Write(Problem problem) =>
        Results.Json(problem, Json, "application/problem+json", problem.Status);

    public static IResult InvalidFields(IReadOnlyDictionary<string, string[]> errors) =>
        Create(StatusCodes.Status400BadRequest, "One or more fields are invalid.",
            string.Join(" ", errors.SelectMany(e => e.Value)), "validation_failed", errors);

    /// <summary>The one place where failures of the command path become HTTP answers.</summary>
    public static IResult From(Exception exception) => exception switch
    {
        ValidationException v => InvalidFields(v.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        DomainException { Code: DomainErrors.QuantityAbovePerUserLimit or DomainErrors.InvalidQuantity } d =>
            InvalidFields(new Dictionary<string, string[]> { ["quantity"] = [d.Message] }),
        DomainException d => Create(StatusOf(d.Code), TitleOf(d.Code), d.Message, d.Code),
        ConcurrencyException c => Create(StatusCodes.Status503ServiceUnavailable, "Item busy", c.Message, "concurrency_exhausted"),
        ObjectDisposedException => Create(StatusCodes.Status503ServiceUnavailable, "Shutting down",
            "The service is shutting down; retry against another instance.", "shutting_down"),
        EventStoreException e => FromEventStore(e),
        _ => Rethrow(exception),
    };

    /// <summary>The order's outcome is unknown when the store fails, so every case says a retry with the same order id
    /// is safe (it is answered from the log if the first attempt was written).</summary>
    private static IResult FromEventStore(EventStoreException exception) => exception switch
    {
        StreamDeletedException d => Create(StatusCodes.Status410Gone, "Item stream deleted", d.Message, "event_store.stream_deleted"),
        EventStoreTimeoutException t => Create(StatusCodes.Status503ServiceUnavailable, "Event store timed out",
            t.Message + " Retry with the same order id.", "event_store.timeout"),
        EventStoreAccessDeniedException a => Create(StatusCodes.Status503ServiceUnavailable, "Event store refused access",
            a.Message + " The service's event store credentials need an operator.", "event_store.access_denied"),
        AppendTooLargeException l => Create(StatusCodes.Status503ServiceUnavailable, "Append too large", l.Message, "event_store.append_too_large"),
        _ => Create(StatusCodes.Status503ServiceUnavailable, "Event store unavailable",
            exception.Message + " Retry with the same order id.", "event_store.unavailable"),
    };

    private static IResult Rethrow(Exception exception)
    {
        // Unexpected: keep the original stack trace for the exception handler's log.
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception).Throw();
        return null!;
    }

    private static int StatusOf(string code) => code switch
    {
        DomainErrors.ItemNotFound or DomainErrors.OrderNotFound => StatusCodes.Status404NotFound,
        DomainErrors.InvalidListing => StatusCodes.Status400BadRequest,
        DomainErrors.OrderNotDeadLettered or DomainErrors.OrderDiscarded => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status409Conflict,
    };

    private static string TitleOf(string code) => code switch
    {
        DomainErrors.ItemNotFound => "Item not found",
        DomainErrors.OrderNotFound => "Order not found",
        DomainErrors.ItemAlreadyListed => "Item already listed",
        DomainErrors.OrderIdReused => "Order id already used",
        DomainErrors.OrderAmbiguous => "Order id on several items",
        DomainErrors.PaymentTimedOut => "Payment window closed",
        DomainErrors.PaymentAlreadyConfirmed => "Order already paid",
        DomainErrors.OrderNotReserved => "Order not reserved",
        DomainErrors.InvalidListing => "Invalid listing",
        DomainErrors.OrderNotDeadLettered => "Order is not a dead letter",
        DomainErrors.OrderDiscarded => "Order discarded",
        _ => "Request conflicts with the item's state",
    };
}
