using FlashSale.Api.Http;
using FlashSale.ReadModels.Queries;

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

public sealed class ReadModelBehindException(ReadYourWrites.Behind behind)
    : Exception($"The '{behind.Projection}' read model has not reached position {behind.Requested.ToToken()}.")
{
    public const string Code = "read_model.behind";

    public IResult Answer(HttpResponse response)
    {
        response.Headers.RetryAfter = "1";
        var checkpoint = behind.Checkpoint?.ToToken();
        return TypedResults.Json(new ReadModelBehindProblem($"https://flashsale.dev/problems/{Code}", "Read model behind",
            StatusCodes.Status503ServiceUnavailable,
            $"The '{behind.Projection}' read model is at {checkpoint ?? "the start of the log"} and has not reached position " +
            $"{behind.Requested.ToToken()} yet; retry shortly.", Code, behind.Projection, checkpoint, behind.Requested.ToToken()),
            Problems.Json, ProblemResult.MediaType, StatusCodes.Status503ServiceUnavailable);
    }
}
