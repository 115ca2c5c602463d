using FlashSale.Api.Http;
using FlashSale.EventStore;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Storage;

namespace FlashSale.Api.Queries;

/// <summary>The 503 a query answers when its read model has not reached the client's <c>minPosition</c> in time.</summary>
public sealed record ReadModelBehindProblem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string Code,
    string Projection,
    string? Checkpoint,
    string RequestedPosition);

/// <summary>
/// Read-your-writes for every query: honours <c>?minPosition=</c> (waiting, bounded by ReadModels:MinPositionWaitMs)
/// and tells the client which checkpoint the answer reflects (<c>X-Read-Model-Position</c>). A model that is still
/// behind answers 503 rather than stale data presented as current.
/// </summary>
public static class ReadModelGate
{
    public const string PositionHeader = "X-Read-Model-Position";
    public const string BehindCode = "read_model.behind";
    public const string InvalidMinPositionCode = "min_position.invalid";

    /// <summary>Parses <c>minPosition</c> only, so that every input mistake is reported before any wait.</summary>
    public static (LogPosition? Minimum, IResult? Problem) MinPosition(HttpRequest request)
    {
        if (QueryInput.Text(request, "minPosition") is not { } token) return (null, null);
        return LogPosition.TryParseToken(token, out var position)
            ? (position, null)
            : (null, Problems.Create(StatusCodes.Status400BadRequest, "Invalid minPosition",
                "'minPosition' must be a position token exactly as a command response returned it (such as '42').", InvalidMinPositionCode,
                new Dictionary<string, string[]> { ["minPosition"] = ["'minPosition' is not a position token."] }));
    }

    /// <returns>The checkpoint token the answer is at least as fresh as, or the problem to answer instead.</returns>
    public static async Task<(string? Checkpoint, IResult? Problem)> EnterAsync(HttpContext http, string projection, LogPosition? minimum)
    {
        var services = http.RequestServices;
        if (minimum is { } wanted &&
            await services.GetRequiredService<ReadYourWrites>().WaitForAsync(projection, wanted, http.RequestAborted) is { } behind)
            return (null, Behind(http, behind));
        // Read before the rows: the rows are then at least as fresh as the token we hand out.
        var checkpoint = (await services.GetRequiredService<IReadModelStore>()
            .ReadCheckpointAsync(projection, ReadModelSlot.Live, http.RequestAborted))?.Position?.ToToken();
        if (checkpoint is not null) http.Response.Headers[PositionHeader] = checkpoint;
        return (checkpoint, null);
    }

    private static IResult Behind(HttpContext http, ReadYourWrites.Behind behind)
    {
        http.Response.Headers.RetryAfter = "1";
        var checkpoint = behind.Checkpoint?.ToToken();
        return Results.Json(new ReadModelBehindProblem($"https://flashsale.dev/problems/{BehindCode}", "Read model behind",
            StatusCodes.Status503ServiceUnavailable,
            $"The '{behind.Projection}' read model is at {checkpoint ?? "the start of the log"} and has not reached position " +
            $"{behind.Requested.ToToken()} yet; retry shortly.", BehindCode, behind.Projection, checkpoint, behind.Requested.ToToken()),
            Problems.Json, "application/problem+json", StatusCodes.Status503ServiceUnavailable);
    }
}
