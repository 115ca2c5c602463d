using System.Globalization;
using System.Text.Json.Nodes;
using FlashSale.ReadModels.Queries;
using Microsoft.OpenApi;

namespace FlashSale.Api.Docs;

/// <summary>What each query parameter means. The handlers bind them as raw text so that a mistake is the API's own
/// 400; the document gives the shape a client should send.</summary>
internal static class QueryParameters
{
    private static readonly Dictionary<string, (string Description, Func<OpenApiSchema>? Schema)> Known = new(StringComparer.Ordinal)
    {
        ["minPosition"] = ("Read your own write: a `position` a command answered. The query waits (up to " +
            "`ReadModels:MinPositionWaitMs`) until its read model has reached it, else answers 503 `read_model.behind`.", null),
        ["limit"] = ($"Most rows to return, 1 to {PageRequest.MaxLimit} ({PageRequest.DefaultLimit} when left out).",
            () => Integer(1, PageRequest.MaxLimit, PageRequest.DefaultLimit)),
        ["offset"] = ("Rows to skip; the answer's `next` link carries the following page's.", () => Integer(0, null, 0)),
        ["from"] = ("Where the page starts: a stream revision for items, an index among the order's events for orders; " +
            "the answer's `nextFrom` carries the following page's.", () => Integer(0, null, 0)),
        ["itemId"] = ("The item, when the order id alone is an order on several items (409 `order.ambiguous` otherwise).", null),
        ["state"] = ("Only dead letters in this state.", null),
        ["asOfPosition"] = ("Show the state as of this position token.", null),
        ["asOfTime"] = ("Show the state as of this ISO-8601 date and time (such as `2026-11-23T15:00:00Z`).", null),
        ["format"] = ("`jsonl` (default) or `csv`.", null),
        ["projection"] = ("Only these projections (repeat the parameter for several); all when left out.", null),
    };

    public static void Apply(OpenApiOperation operation)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In != ParameterLocation.Query || !Known.TryGetValue(parameter.Name ?? "", out var known)) continue;
            parameter.Description ??= known.Description;
            if (known.Schema is { } schema) parameter.Schema = schema();
        }
    }

    private static OpenApiSchema Integer(int minimum, int? maximum, int fallback) => new()
    {
        Type = JsonSchemaType.Integer,
        Minimum = minimum.ToString(CultureInfo.InvariantCulture),
        Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
        Default = JsonValue.Create(fallback),
    };
}
