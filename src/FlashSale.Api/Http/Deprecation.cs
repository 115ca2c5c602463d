namespace FlashSale.Api.Http;

/// <summary>Marks an answer as coming from a deprecated route (RFC 9745 <c>Deprecation</c>, RFC 8288 <c>Link</c>).</summary>
public static class Deprecation
{
    public static void Announce(HttpResponse response, string successor) =>
        // On starting: the exception handler resets the headers, and an error from the old route must say it too.
        response.OnStarting(() =>
        {
            response.Headers["Deprecation"] = "true";
            response.Headers.Link = $"<{successor}>; rel=\"successor-version\"";
            return Task.CompletedTask;
        });
}
