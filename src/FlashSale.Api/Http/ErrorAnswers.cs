using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace FlashSale.Api.Http;

/// <summary>Every error is a problem body: exceptions through <see cref="ProblemExceptionHandler"/>, bare status codes
/// (404 no route, 405 wrong method) through the status-code pages.</summary>
public static class ErrorAnswers
{
    public static IServiceCollection AddErrorAnswers(this IServiceCollection services) =>
        services.AddExceptionHandler<ProblemExceptionHandler>();

    public static IApplicationBuilder UseErrorAnswers(this IApplicationBuilder app) => app
        .UseExceptionHandler(new ExceptionHandlerOptions
        {
            // Last resort, for what the handler declined: never a stack trace, always a problem body.
            ExceptionHandler = http => Problems.InternalError().ExecuteAsync(http),
        })
        .UseStatusCodePages(AnswerBareStatusCodeAsync);

    private static async Task AnswerBareStatusCodeAsync(StatusCodeContext status)
    {
        var http = status.HttpContext;
        var code = http.Response.StatusCode;
        if (http.Response.ContentLength is null && string.IsNullOrEmpty(http.Response.ContentType))
            await Problems.Create(code, ReasonPhrases.GetReasonPhrase(code) is { Length: > 0 } phrase ? phrase : "Error",
                $"{http.Request.Method} {http.Request.Path} answered {code}.", "http_" + code).ExecuteAsync(http);
    }
}
