using FlashSale.Contracts;
using System.Globalization;
using FlashSale.Api.Http;
using FlashSale.Api.Queries;
using FlashSale.Application.CommandPath;
using FlashSale.Domain;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Api.Audit;

/// <summary>Input and answers shared by the audit endpoints, which read the log itself (never a read model).</summary>
public static class AuditInput
{
    public const string InvalidAsOfCode = "as_of.invalid";

    /// <summary><c>from</c> (a stream revision for items, an index among the order's events for orders) and <c>limit</c>.</summary>
    public static (long From, int Limit, IResult? Problem) Paging(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var from = QueryInput.Integer(request, "from", 0, 0, int.MaxValue, errors);
        var limit = QueryInput.Integer(request, "limit", QueryInput.DefaultLimit, 1, QueryInput.MaxLimit, errors);
        return (from, limit, errors.Count > 0 ? Problems.InvalidFields(errors) : null);
    }

    public static (AsOf AsOf, IResult? Problem) AsOf(HttpRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        LogPosition? position = null;
        DateTimeOffset? time = null;
        if (QueryInput.Text(request, "asOfPosition") is { } token)
        {
            if (LogPosition.TryParseToken(token, out var parsed)) position = parsed;
            else errors["asOfPosition"] = ["'asOfPosition' must be a position token as the API returns them (such as '42')."];
        }
        if (QueryInput.Text(request, "asOfTime") is { } text)
        {
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) time = parsed;
            else errors["asOfTime"] = ["'asOfTime' must be an ISO-8601 date and time (such as '2026-11-23T15:00:00Z')."];
        }
        return errors.Count == 0
            ? (new AsOf(position, time), null)
            : (ReadModels.Audit.AsOf.Now, Problems.Create(StatusCodes.Status400BadRequest, "Invalid as-of point",
                string.Join(" ", errors.Values.SelectMany(v => v)), InvalidAsOfCode, errors));
    }

    public static async Task<bool> ItemExistsAsync(IEventStore events, string itemId, CancellationToken cancellationToken)
    {
        await foreach (var _ in events.ReadStreamAsync(ItemStreams.For(itemId), 0, 1, cancellationToken)) return true;
        return false;
    }

    public static IResult ItemNotFound(string itemId) =>
        Problems.Create(StatusCodes.Status404NotFound, "Item not found", $"The log holds no events of item '{itemId}'.", DomainErrors.ItemNotFound);

    public static IResult OrderNotFound(string orderId) =>
        Problems.Create(StatusCodes.Status404NotFound, "Order not found", $"The log holds no events of order '{orderId}'.", DomainErrors.OrderNotFound);

    public static string NextLink(HttpRequest request, long nextFrom, int limit) =>
        $"{request.PathBase}{request.Path}?from={nextFrom.ToString(CultureInfo.InvariantCulture)}&limit={limit.ToString(CultureInfo.InvariantCulture)}";
}
