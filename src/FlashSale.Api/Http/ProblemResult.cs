namespace FlashSale.Api.Http;

/// <summary>
/// RFC 9457 problem details. Written by hand rather than through the framework's ProblemDetails service so that a
/// repeated request gets a byte-identical body (no per-request trace ids).
/// </summary>
public sealed record Problem(
    string Type,
    string Title,
    int Status,
    string Detail,
    string? Code = null,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    string? OrderId = null,
    string? ItemId = null,
    string? Position = null,
    DateTimeOffset? SaleStartsAt = null,
    DateTimeOffset? SaleEndedAt = null);

/// <summary>A <see cref="Problem"/> as a typed result, so handlers can name it in their <c>Results&lt;...&gt;</c> union.</summary>
public sealed class ProblemResult(Problem problem) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<Problem>, IContentTypeHttpResult
{
    public const string MediaType = "application/problem+json";

    public Problem Value => problem;

    public int StatusCode => problem.Status;

    public string ContentType => MediaType;

    int? IStatusCodeHttpResult.StatusCode => problem.Status;

    object? IValueHttpResult.Value => problem;

    /// <summary>What <c>TypedResults.Json(problem, Problems.Json, MediaType, status)</c> answers (status, media type, the
    /// same bytes), written synchronously (<see cref="JsonAnswer{T}"/>) and without the request's services, which that
    /// result resolved its logger from: a sold-out sale answers most of its orders with a problem (ADR 0037).</summary>
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = problem.Status;
        response.ContentType = MediaType;
        JsonAnswer<Problem>.Write(response, problem, Problems.TypeInfo);
        return Task.CompletedTask;
    }
}

/// <summary>Input that cannot be accepted, found where the framework binds it (a body, a query string): the exception
/// handler answers <see cref="Problem"/> as it is.</summary>
public sealed class ProblemException(Problem problem) : Exception(problem.Detail)
{
    public Problem Problem => problem;
}
