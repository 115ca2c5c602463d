namespace FlashSale.Api.Http;

/// <summary>
/// A request the server could not read as HTTP once the application had it: a malformed chunked body, a body cut
/// short, one over Kestrel's <c>MaxRequestBodySize</c>, one sent too slowly. Kestrel throws these while the body is
/// read, so they reach the exception handler and answer a problem like any other error. What Kestrel refuses before
/// the application runs (request line, headers, URI length) it answers itself with an empty body (README, "API reference").
/// </summary>
public static class ServerRejections
{
    public const string BadRequestCode = "bad_request";
    public const string RequestTimeoutCode = "request_timeout";
    public const string BodyTooLargeCode = "body_too_large";

    public static Problem From(BadHttpRequestException rejection) => rejection.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => Problems.Of(rejection.StatusCode, "Request body too large",
            "The request body is larger than the server accepts.", BodyTooLargeCode),
        StatusCodes.Status408RequestTimeout => Problems.Of(rejection.StatusCode, "Request body too slow",
            "The request body arrived too slowly; send it again.", RequestTimeoutCode),
        // Kestrel's messages name the HTTP fault ("Bad chunk size data.") and nothing of the server's state.
        _ => Problems.Of(StatusCodes.Status400BadRequest, "Bad request", rejection.Message, BadRequestCode),
    };
}
