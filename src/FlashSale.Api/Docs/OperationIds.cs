namespace FlashSale.Api.Docs;

/// <summary>One endpoint mapped for several methods (GET and HEAD of <c>/health</c>, GET and POST of verify) is one
/// name: its first method keeps the name as operation id, the others add their method (<c>HealthHead</c>).</summary>
internal static class OperationIds
{
    public static string? Of(string? name, IReadOnlyList<object> metadata, string method)
    {
        if (name is null) return null;
        var methods = metadata.OfType<IHttpMethodMetadata>().LastOrDefault()?.HttpMethods ?? [];
        return methods.Count > 1 && !string.Equals(methods[0], method, StringComparison.OrdinalIgnoreCase)
            ? name + char.ToUpperInvariant(method[0]) + method[1..].ToLowerInvariant()
            : name;
    }
}
