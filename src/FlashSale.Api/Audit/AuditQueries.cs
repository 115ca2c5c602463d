using System.Globalization;
using FlashSale.Api.Http;
using FlashSale.Api.Queries;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;
using Microsoft.AspNetCore.Mvc;

namespace FlashSale.Api.Audit;

/// <summary><c>?from=&amp;limit=</c> of an audit trail (<c>[AsParameters]</c>): <c>from</c> is a stream revision for
/// items, an index among the order's events for orders.</summary>
public sealed record TrailQuery([FromQuery(Name = "from")] string? From, [FromQuery(Name = "limit")] string? Limit)
{
    /// <exception cref="ProblemException">400 naming from and/or limit.</exception>
    public TrailRange ToRange()
    {
        var errors = new Dictionary<string, string[]>();
        var from = QueryInput.Integer("from", From, 0, 0, int.MaxValue, errors);
        var limit = QueryInput.Integer("limit", Limit, QueryInput.DefaultLimit, 1, QueryInput.MaxLimit, errors);
        QueryInput.ThrowIfAny(errors);
        return new TrailRange(from, limit);
    }
}

public readonly record struct TrailRange(long From, int Limit);

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
            if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)) time = parsed;
            else errors["asOfTime"] = ["'asOfTime' must be an ISO-8601 date and time (such as '2026-11-23T15:00:00Z')."];
        }
        return errors.Count == 0
            ? new AsOf(position, time)
            : throw new ProblemException(Problems.Of(StatusCodes.Status400BadRequest, "Invalid as-of point",
                string.Join(" ", errors.Values.SelectMany(v => v)), InvalidAsOfCode, errors));
    }
}
