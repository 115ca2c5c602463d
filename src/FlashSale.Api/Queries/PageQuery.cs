using System.Globalization;
using FlashSale.ReadModels.Queries;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace FlashSale.Api.Queries;

/// <summary><c>?limit=&amp;offset=</c> of every list, bound with <c>[AsParameters]</c>; raw text so that a mistake is
/// reported as the API's own 400 problem (<c>validation_failed</c> naming the field), by the rules of <see cref="PageRequest"/>.</summary>
public sealed record PageQuery([FromQuery(Name = "limit")] string? Limit, [FromQuery(Name = "offset")] string? Offset)
{
    /// <exception cref="FlashSale.Api.Http.ProblemException">400 naming limit and/or offset.</exception>
    public PageRequest ToPage() => ToPage(Offset, "offset");

    /// <param name="offset">The offset's text, from <paramref name="offsetName"/> (an older name of the parameter on some lists).</param>
    public PageRequest ToPage(string? offset, string offsetName)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = QueryInput.Integer("limit", Limit, PageRequest.DefaultLimit, 1, PageRequest.MaxLimit, errors);
        var from = QueryInput.Integer(offsetName, offset, 0, 0, PageRequest.MaxOffset, errors);
        QueryInput.ThrowIfAny(errors);
        return new PageRequest(limit, from);
    }
}

public static class PageLinks
{
    /// <summary>The same query one page further: every other parameter kept, <c>limit</c> and <c>offset</c> set.</summary>
    /// <param name="replaced">Parameters the link leaves out besides limit and offset (older names of them).</param>
    public static string NextLink(this PageRequest page, HttpRequest request, params string[] replaced) =>
        QueryHelpers.AddQueryString((request.PathBase + request.Path).ToString(),
            request.Query.Where(q => q.Key is not ("offset" or "limit") && !replaced.Contains(q.Key, StringComparer.Ordinal))
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                .Append(KeyValuePair.Create("limit", (string?)page.Limit.ToString(CultureInfo.InvariantCulture)))
                .Append(KeyValuePair.Create("offset", (string?)(page.Offset + page.Limit).ToString(CultureInfo.InvariantCulture))));
}
