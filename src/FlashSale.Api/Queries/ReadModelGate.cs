using FlashSale.Api.Http;
using FlashSale.EventStore;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Storage;
using Microsoft.AspNetCore.Mvc;

namespace FlashSale.Api.Queries;

/// <summary><c>?minPosition=</c>: the position a query's answer must reflect (read-your-writes), bound with
/// <c>[AsParameters]</c>.</summary>
public sealed record MinPositionQuery([FromQuery(Name = "minPosition")] string? MinPosition);

/// <summary>
/// Read-your-writes for every query: honours <c>?minPosition=</c> (waiting, bounded by ReadModels:MinPositionWaitMs)
/// and tells the client which checkpoint the answer reflects (<c>X-Read-Model-Position</c>). A model that is still
/// behind answers 503 rather than stale data presented as current.
/// </summary>
public sealed class ReadModelGate(ReadYourWrites readYourWrites, IReadModelStore store)
{
    public const string PositionHeader = "X-Read-Model-Position";
    public const string InvalidMinPositionCode = "min_position.invalid";

    /// <returns>The checkpoint token the answer is at least as fresh as.</returns>
    /// <exception cref="ProblemException">400 when <c>minPosition</c> is not a position token.</exception>
    /// <exception cref="ReadModelBehindException">The model did not reach <c>minPosition</c> in time.</exception>
    public async Task<string?> EnterAsync(HttpContext http, string projection, MinPositionQuery freshness)
    {
        if (Minimum(freshness) is { } wanted && await readYourWrites.WaitForAsync(projection, wanted, http.RequestAborted) is { } behind)
            throw new ReadModelBehindException(behind);
        // Read before the rows: the rows are then at least as fresh as the token we hand out.
        var checkpoint = (await store.ReadCheckpointAsync(projection, ReadModelSlot.Live, http.RequestAborted))?.Position?.ToToken();
        if (checkpoint is not null) http.Response.Headers[PositionHeader] = checkpoint;
        return checkpoint;
    }

    private static LogPosition? Minimum(MinPositionQuery freshness)
    {
        if (freshness.MinPosition is not { } token) return null;
        return LogPosition.TryParseToken(token, out var position)
            ? position
            : throw new ProblemException(Problems.Of(StatusCodes.Status400BadRequest, "Invalid minPosition",
                "'minPosition' must be a position token exactly as a command response returned it (such as '42').", InvalidMinPositionCode,
                new Dictionary<string, string[]> { ["minPosition"] = ["'minPosition' is not a position token."] }));
    }
}
