using FlashSale.Api.Http;
using FlashSale.Api.Queries;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Queries;
using Microsoft.AspNetCore.Mvc;

namespace FlashSale.Api.Audit;

/// <summary><c>?limit=&amp;offset=</c> of an audit trail or history (<c>[AsParameters]</c>), by the rules every list
/// shares; <c>offset</c> is a stream revision for items, an index among the order's events for orders. <c>from</c> is the
/// offset's name of an earlier release, still read.</summary>
public sealed record TrailQuery(
    [FromQuery(Name = "limit")] string? Limit, [FromQuery(Name = "offset")] string? Offset, [FromQuery(Name = "from")] string? From)
{
    public const string LegacyOffsetName = "from";

    /// <exception cref="ProblemException">400 naming limit, offset and/or from.</exception>
    public PageRequest ToPage()
    {
        if (Offset is not null && From is not null)
            QueryInput.ThrowIfAny(new Dictionary<string, string[]> { ["from"] = ["Give 'offset' ('from' is its older name), not both."] });
        var paging = new PageQuery(Limit, Offset);
        return From is null ? paging.ToPage() : paging.ToPage(From, LegacyOffsetName);
    }
}

/// <summary><c>?asOfPosition=&amp;asOfTime=</c> of a history (<c>[AsParameters]</c>): the point to show the state at.</summary>
public sealed record AsOfQuery([FromQuery(Name = "asOfPosition")] string? AsOfPosition, [FromQuery(Name = "asOfTime")] string? AsOfTime)
{
    public const string InvalidAsOfCode = "as_of.invalid";

    /// <exception cref="ProblemException">400 as_of.invalid naming every unreadable field.</exception>
    public AsOf ToAsOf()
    {
        var errors = new Dictionary<string, string[]>();
        LogPosition? position = null;
        DateTimeOffset? time = null;
        if (AsOfPosition is { } token)
        {
            if (LogPosition.TryParseToken(token, out var parsed)) position = parsed;
            else errors["asOfPosition"] = ["'asOfPosition' must be a position token as the API returns them (such as '42')."];
        }
        if (AsOfTime is { } text)
        {
            if (IsoTime.TryParse(text, out var parsed)) time = parsed;
            else errors["asOfTime"] = [$"'asOfTime' must be {IsoTime.Rule}; other formats are not accepted."];
        }
        return errors.Count == 0
            ? new AsOf(position, time)
            : throw new ProblemException(Problems.Of(StatusCodes.Status400BadRequest, "Invalid as-of point",
                string.Join(" ", errors.Values.SelectMany(v => v)), InvalidAsOfCode, errors));
    }
}
