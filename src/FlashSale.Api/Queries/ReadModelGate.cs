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
/// behind answers 503 rather than stale data presented as current; a position the log has not reached is refused at
/// once, since no wait could ever satisfy it.
/// </summary>
public sealed class ReadModelGate(ReadYourWrites readYourWrites, IReadModelStore store, IEventStore events)
{
    public const string PositionHeader = "X-Read-Model-Position";
    public const string InvalidMinPositionCode = "min_position.invalid";
    public const string AheadMinPositionCode = "min_position.ahead";

    /// <returns>The checkpoint token the answer is at least as fresh as.</returns>
    /// <exception cref="ProblemException">400 when <c>minPosition</c> is not a position token, or is beyond the head of the log.</exception>
    /// <exception cref="ReadModelBehindException">The model did not reach <c>minPosition</c> in time.</exception>
    public async Task<string?> EnterAsync(HttpContext http, string projection, MinPositionQuery freshness)
    {
        var wanted = Minimum(freshness);
        // Read before the rows: the rows are then at least as fresh as the token we hand out.
        var checkpoint = await CheckpointAsync(projection, http.RequestAborted);
        if (wanted is { } minimum && !(checkpoint >= minimum))
        {
            // Only asked when the model is behind, so a fresh read costs no look at the log.
            var head = await events.ReadHeadPositionAsync(http.RequestAborted);
            if (minimum > (head ?? LogPosition.Start)) throw Ahead(minimum, head);
            if (await readYourWrites.WaitForAsync(projection, minimum, http.RequestAborted) is { } behind)
                throw new ReadModelBehindException(behind);
            checkpoint = await CheckpointAsync(projection, http.RequestAborted);
        }
        var token = checkpoint?.ToToken();
        if (token is not null) http.Response.Headers[PositionHeader] = token;
        return token;
    }

    private async Task<LogPosition?> CheckpointAsync(string projection, CancellationToken cancellationToken) =>
        (await store.ReadCheckpointAsync(projection, ReadModelSlot.Live, cancellationToken))?.Position;

    private static ProblemException Ahead(LogPosition wanted, LogPosition? head) =>
        new(Problems.Of(StatusCodes.Status400BadRequest, "minPosition beyond the log",
            $"'minPosition' {wanted.ToToken()} is beyond the head of the log ({head?.ToToken() ?? "empty"}): pass a position a " +
            "command response of this service returned.", AheadMinPositionCode,
            new Dictionary<string, string[]> { ["minPosition"] = ["'minPosition' is beyond the head of the log."] }));

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
