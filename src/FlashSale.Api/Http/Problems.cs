using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using FlashSale.Application.CommandPath;
using FlashSale.Application.CommandPath.Resilience;
using FlashSale.Domain;
using FlashSale.EventStore;
using FlashSale.ReadModels.Storage;
using FluentValidation;

namespace FlashSale.Api.Http;

public static class Problems
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Problem texts quote ids with apostrophes; they are JSON string content, not HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static readonly JsonTypeInfo<Problem> TypeInfo = ProblemTypeInfo();

    /// <summary>The metadata the serializer takes for a problem from <see cref="Json"/> (its default resolver, as on first use).</summary>
    private static JsonTypeInfo<Problem> ProblemTypeInfo()
    {
        Json.MakeReadOnly(populateMissingResolver: true);
        return (JsonTypeInfo<Problem>)Json.GetTypeInfo(typeof(Problem));
    }

    /// <summary>The item's queue is full: nothing was decided, retry after <c>Retry-After</c>.</summary>
    public const string Overloaded = "overloaded";

    /// <summary>The read models cannot be read (their store is down): a query fails, commands go on.</summary>
    public const string ReadStoreUnavailable = "read_store.unavailable";

    public static Problem Of(int status, string title, string detail, string code, IReadOnlyDictionary<string, string[]>? errors = null) =>
        new($"https://flashsale.dev/problems/{code}", title, status, detail, code, errors);

    public static ProblemResult Create(int status, string title, string detail, string code,
        IReadOnlyDictionary<string, string[]>? errors = null) => new(Of(status, title, detail, code, errors));

    public static Problem InvalidFields(IReadOnlyDictionary<string, string[]> errors) =>
        Of(StatusCodes.Status400BadRequest, "One or more fields are invalid.",
            string.Join(" ", errors.SelectMany(e => e.Value)), "validation_failed", errors);

    public static ProblemResult InternalError() =>
        Create(StatusCodes.Status500InternalServerError, "Unexpected error",
            "The request failed unexpectedly; it is safe to retry with the same order id.", "internal_error");

    /// <summary>The one place where failures become HTTP answers; <see cref="InternalError"/> for the unexpected.</summary>
    public static ProblemResult From(Exception exception) => Known(exception) is { } problem ? new(problem) : InternalError();

    /// <returns>The problem <paramref name="exception"/> stands for, or null when nobody expected it.</returns>
    public static Problem? Known(Exception exception) => exception switch
    {
        ProblemException p => p.Problem,
        BadHttpRequestException b => ServerRejections.From(b),
        ValidationException v => InvalidFields(v.Errors
            .GroupBy(e => e.PropertyName)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray())),
        DomainException { Code: DomainErrors.QuantityAbovePerUserLimit or DomainErrors.InvalidQuantity } d =>
            InvalidFields(new Dictionary<string, string[]> { ["quantity"] = [d.Message] }),
        DomainException { Code: DomainErrors.SaleAlreadyEnded } d => Of(StatusCodes.Status400BadRequest, "Sale already ended", d.Message, d.Code,
            new Dictionary<string, string[]> { ["saleEndsAt"] = [d.Message] }),
        DomainException d => Of(StatusOf(d.Code), TitleOf(d.Code), d.Message, d.Code),
        ConcurrencyException c => Of(StatusCodes.Status503ServiceUnavailable, "Item busy", c.Message, "concurrency_exhausted"),
        OrderIndexCatchingUpException i => Of(StatusCodes.Status503ServiceUnavailable, "Order index catching up", i.Message,
            OrderIndexCatchingUpException.Code),
        CommandPathOverloadedException o => Of(StatusCodes.Status503ServiceUnavailable, "Overloaded", o.Message, Overloaded) with { ItemId = o.ItemId },
        ItemUnreadableException u => Of(StatusCodes.Status503ServiceUnavailable, "Item unreadable", u.Message, DomainErrors.ItemUnreadable)
            with { ItemId = u.ItemId, Position = u.Unreadable.Position },
        ObjectDisposedException => Of(StatusCodes.Status503ServiceUnavailable, "Shutting down",
            "The service is shutting down; retry against another instance.", "shutting_down"),
        EventStoreException e => FromEventStore(e),
        // The driver's message names hosts and ports: readiness and the projection runner's log carry it, buyers do not.
        ReadStoreUnavailableException => Of(StatusCodes.Status503ServiceUnavailable, "Read store unavailable",
            "The read models cannot be read right now; orders are still taken. Retry the query shortly.", ReadStoreUnavailable),
        _ => null,
    };

    /// <summary>The order's outcome is unknown when the store fails, so every case says a retry with the same order id
    /// is safe (it is answered from the log if the first attempt was written).</summary>
    private static Problem FromEventStore(EventStoreException exception) => exception switch
    {
        CircuitOpenException o => Of(StatusCodes.Status503ServiceUnavailable, "Event store circuit open",
            o.Message + " Retry with the same order id after Retry-After.", "event_store.circuit_open"),
        StreamDeletedException d => Of(StatusCodes.Status410Gone, "Item stream deleted", d.Message, "event_store.stream_deleted"),
        EventStoreTimeoutException t => Of(StatusCodes.Status503ServiceUnavailable, "Event store timed out",
            t.Message + " Retry with the same order id.", "event_store.timeout"),
        EventStoreAccessDeniedException a => Of(StatusCodes.Status503ServiceUnavailable, "Event store refused access",
            a.Message + " The service's event store credentials need an operator.", "event_store.access_denied"),
        AppendTooLargeException l => Of(StatusCodes.Status503ServiceUnavailable, "Append too large", l.Message, "event_store.append_too_large"),
        _ => Of(StatusCodes.Status503ServiceUnavailable, "Event store unavailable",
            exception.Message + " Retry with the same order id.", "event_store.unavailable"),
    };

    private static int StatusOf(string code) => code switch
    {
        DomainErrors.ItemNotFound or DomainErrors.OrderNotFound => StatusCodes.Status404NotFound,
        DomainErrors.InvalidListing => StatusCodes.Status400BadRequest,
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
        DomainErrors.RestockOperationReused => "Operation id already used",
        DomainErrors.NoUnreadableEvent => "No unreadable event there",
        _ => "Request conflicts with the item's state",
    };
}
