using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace FlashSale.Api.Http;

/// <summary>Every error is a problem body: exceptions through <see cref="ProblemExceptionHandler"/>, bare status codes
/// (404 no route, 405 wrong method, a 401 challenge without a body) through <see cref="AnswerIfBareAsync"/>, which the
/// concurrency limit's frame runs once the request is done (<see cref="Limits.ConcurrencyAdmission"/>).</summary>
public static class ErrorAnswers
{
    public static IServiceCollection AddErrorAnswers(this IServiceCollection services) =>
        services.AddExceptionHandler<ProblemExceptionHandler>();

    public static IApplicationBuilder UseErrorAnswers(this IApplicationBuilder app) => app
        .UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Last resort, for what the handler declined: never a stack trace, always a problem body.
            ExceptionHandler = http => Problems.InternalError().ExecuteAsync(http),
        });

    /// <summary>What the framework's status-code pages did, without their per-request feature (nothing here turns them
    /// off) and their own asynchronous frame: an error status with no body yet gets a problem body.</summary>
    public static Task AnswerIfBareAsync(HttpContext http)
    {
        var response = http.Response;
        var code = response.StatusCode;
        if (response.HasStarted || code < 400 || code >= 600 || response.ContentLength.HasValue || !string.IsNullOrEmpty(response.ContentType))
            return Task.CompletedTask;
        return Problems.Create(code, ReasonPhrases.GetReasonPhrase(code) is { Length: > 0 } phrase ? phrase : "Error",
            $"{http.Request.Method} {http.Request.Path} answered {code}.", "http_" + code).ExecuteAsync(http);
    }
}
