using FlashSale.Api.Queries;
using FlashSale.Application.CommandPath;
using FlashSale.Application.CommandPath.Resilience;
using FlashSale.ReadModels.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace FlashSale.Api.Http;

/// <summary>
/// Answers every exception that stands for a known problem (input, validation, domain, store, a read model behind).
/// Declining the others leaves them to the middleware, which logs them and answers <see cref="Problems.InternalError"/>.
/// </summary>
internal sealed class ProblemExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        IResult? answer = exception is ReadModelBehindException behind
            ? behind.Answer(httpContext.Response)
            : Problems.Known(exception) is { } problem ? new ProblemResult(problem) : null;
        if (answer is null) return false;
        RequestContext.RestoreCorrelationId(httpContext);
        if (exception is CommandPathOverloadedException or ReadStoreUnavailableException) httpContext.Response.Headers.RetryAfter = "1";
        if (exception is CircuitOpenException open) httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(open.RetryAfter);
        if (exception is OrderIndexCatchingUpException catchingUp) httpContext.Response.Headers.RetryAfter = RetryAfterSeconds(catchingUp.RetryAfter);
        await answer.ExecuteAsync(httpContext);
        return true;
    }

    /// <summary>Whole seconds (the header's unit), rounded up so a client that waits exactly that long finds the trial open.</summary>
    private static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
