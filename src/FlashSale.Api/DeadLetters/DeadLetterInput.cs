using System.Reflection;
using FlashSale.Api.Http;
using FlashSale.Api.Queries;
using FlashSale.Projections.DeadLetters;
using Microsoft.AspNetCore.Mvc;

namespace FlashSale.Api.DeadLetters;

/// <summary><c>?state=&amp;itemId=</c> of the dead-letter queue, bound with <c>[AsParameters]</c>.</summary>
public sealed record DeadLetterFilter([FromQuery(Name = "state")] string? State, [FromQuery(Name = "itemId")] string? ItemId)
{
    public const string InvalidStateCode = "dead_letter.invalid_state";

    /// <exception cref="ProblemException">400 for a state that does not exist or an invalid item id.</exception>
    public void Check()
    {
        if (State is not null && !DeadLetterStates.All.Contains(State))
        {
            var allowed = $"'state' must be one of: {string.Join(", ", DeadLetterStates.All)}.";
            throw new ProblemException(Problems.Of(StatusCodes.Status400BadRequest, "Invalid dead-letter state", allowed, InvalidStateCode,
                new Dictionary<string, string[]> { ["state"] = [allowed] }));
        }
        if (ItemId is not null) QueryInput.CheckId("itemId", ItemId);
    }
}

/// <summary>Why an operator discards an order; the whole body may be left out.</summary>
public sealed record DiscardBody(string? Reason)
{
    public static ValueTask<DiscardBody?> BindAsync(HttpContext http, ParameterInfo parameter) => JsonBody.ReadOptionalAsync<DiscardBody>(http);
}
