using System.Net;
using System.Text.Json;

namespace FlashSale.Api.Tests.Docs;

/// <summary>The served OpenAPI document, read the way a client generator would.</summary>
public sealed record ApiDocument(JsonElement Root)
{
    public static async Task<ApiDocument> FetchAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/openapi/v1.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var json = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
        return new ApiDocument(json.RootElement.Clone());
    }

    /// <summary>(METHOD, path template) of every operation.</summary>
    public IEnumerable<(string Method, string Path, JsonElement Operation)> Operations =>
        Root.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Select(op => (op.Name.ToUpperInvariant(), path.Name, op.Value)));

    /// <summary>The operation that answers <paramref name="method"/> on a concrete <paramref name="requestPath"/>.</summary>
    public (string Template, JsonElement Operation) Find(string method, string requestPath)
    {
        var segments = requestPath.Split('/');
        var matches = Operations.Where(o => o.Method == method && Matches(o.Path.Split('/'), segments))
            // A literal segment beats a parameter (/a/b over /a/{x}).
            .OrderBy(o => o.Path.Count(c => c == '{')).ToList();
        return matches.Count > 0
            ? (matches[0].Path, matches[0].Operation)
            : throw new ShouldAssertException($"The document has no operation for {method} {requestPath}.");
    }

    public static IReadOnlyList<string> ProblemCodes(JsonElement response) =>
        response.TryGetProperty("x-problem-codes", out var codes) ? [.. codes.EnumerateArray().Select(c => c.GetString()!)] : [];

    private static bool Matches(string[] template, string[] path) =>
        template.Length == path.Length && template.Zip(path).All(p =>
            p.First.StartsWith('{') || string.Equals(p.First, p.Second, StringComparison.Ordinal));
}

/// <summary>One exchange the scenario made, as the server answered it.</summary>
public sealed record Exchange(string Method, string Path, HttpStatusCode Status, string? MediaType, byte[] Body)
{
    public override string ToString() => $"{Method} {Path} -> {(int)Status} {MediaType} {System.Text.Encoding.UTF8.GetString(Body)}";
}

/// <summary>Records every exchange of the client it sits in.</summary>
public sealed class ExchangeRecorder : DelegatingHandler
{
    private readonly List<Exchange> _exchanges = [];

    public IReadOnlyList<Exchange> Exchanges
    {
        get
        {
            lock (_exchanges) return [.. _exchanges];
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        lock (_exchanges)
            _exchanges.Add(new Exchange(request.Method.Method, request.RequestUri!.AbsolutePath, response.StatusCode,
                response.Content.Headers.ContentType?.MediaType, body));
        return response;
    }
}
