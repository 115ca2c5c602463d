using System.Net;
using System.Text.Json;

namespace FlashSale.Api.Tests.Fixtures;

/// <summary>An answer with the response headers a query test looks at (<c>X-Read-Model-Position</c>, <c>Retry-After</c>, ...).</summary>
public sealed record QueryAnswer(HttpAnswer Answer, IReadOnlyDictionary<string, string> Headers)
{
    public HttpStatusCode Status => Answer.Status;

    public JsonElement Json => Answer.Json;

    public string? Header(string name) => Headers.GetValueOrDefault(name);

    public override string ToString() => Answer.ToString();
}

/// <summary>The read API's calls and the few ways tests look into its answers.</summary>
public static class QueryCalls
{
    public static async Task<QueryAnswer> QueryAsync(this HttpClient client, string path, string? minPosition = null)
    {
        if (minPosition is not null) path += (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "minPosition=" + Uri.EscapeDataString(minPosition);
        using var response = await client.GetAsync(path);
        var headers = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new QueryAnswer(await HttpAnswer.ReadAsync(response), headers);
    }

    public static async Task<HttpAnswer> PostEmptyAsync(this HttpClient client, string path) =>
        await HttpAnswer.ReadAsync(await client.PostAsync(path, content: null));

    public static string Esc(string id) => Uri.EscapeDataString(id);

    public static IReadOnlyList<JsonElement> Items(this QueryAnswer answer) =>
        answer.Status == HttpStatusCode.OK
            ? [.. answer.Json.GetProperty("items").EnumerateArray()]
            : throw new ShouldAssertException($"Expected a 200 page, got {answer}");

    public static string Str(this JsonElement element, string property) =>
        element.GetProperty(property).GetString() ?? throw new ShouldAssertException($"'{property}' is null in {element}");

    public static int Int(this JsonElement element, string property) => element.GetProperty(property).GetInt32();

    public static bool IsNull(this JsonElement element, string property) =>
        !element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null;

    /// <summary>Orders position tokens ("12" or "12-7") as the log does.</summary>
    public static (ulong Commit, ulong Prepare) PositionOf(string token)
    {
        var parts = token.Split('-');
        return (ulong.Parse(parts[0]), ulong.Parse(parts.Length > 1 ? parts[1] : parts[0]));
    }

    /// <summary>Asks until <paramref name="done"/> holds; fails with the last answer after <paramref name="timeout"/>.</summary>
    public static async Task<QueryAnswer> QueryUntilAsync(this HttpClient client, string path, Func<QueryAnswer, bool> done,
        TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var answer = await client.QueryAsync(path);
            if (done(answer)) return answer;
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"Timed out after {timeout.TotalSeconds:0.#} s waiting for {what}; last answer: {answer}");
            await Task.Delay(50);
        }
    }
}
