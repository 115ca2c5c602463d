using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace FlashSale.Api.Queries;

/// <summary><c>?limit=&amp;offset=</c> of a list, bound with <c>[AsParameters]</c>; raw text so that a mistake is
/// reported as the API's own 400 problem.</summary>
public sealed record PageQuery([FromQuery(Name = "limit")] string? Limit, [FromQuery(Name = "offset")] string? Offset)
{
    /// <exception cref="FlashSale.Api.Http.ProblemException">400 naming limit and/or offset.</exception>
    public Page ToPage()
    {
        var errors = new Dictionary<string, string[]>();
        var limit = QueryInput.Integer("limit", Limit, QueryInput.DefaultLimit, 1, QueryInput.MaxLimit, errors);
        var offset = QueryInput.Integer("offset", Offset, 0, 0, int.MaxValue - QueryInput.MaxLimit, errors);
        QueryInput.ThrowIfAny(errors);
        return new Page(limit, offset);
    }
}

public readonly record struct Page(int Limit, int Offset)
{
    /// <summary>The same query one page further, for the <c>next</c> link.</summary>
    public string NextLink(HttpRequest request) =>
        QueryHelpers.AddQueryString((request.PathBase + request.Path).ToString(),
            request.Query.Where(q => q.Key is not ("offset" or "limit"))
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                .Append(KeyValuePair.Create("limit", (string?)Limit.ToString(CultureInfo.InvariantCulture)))
                .Append(KeyValuePair.Create("offset", (string?)(Offset + Limit).ToString(CultureInfo.InvariantCulture))));
}
