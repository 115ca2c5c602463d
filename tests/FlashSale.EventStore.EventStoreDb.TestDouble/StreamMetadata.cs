using System.Text.Json;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>
/// The server's stream metadata as far as reads of a stream go: the last <c>$metadata</c> event of <c>$$stream</c> may set
/// <c>$tb</c> (truncate before: lower revisions are no longer read) and <c>$maxCount</c> (only the last ones are read). Both
/// apply from the moment they are written, long before a scavenge removes the events; <c>$all</c> still carries those events
/// until then, as the server's does. A metadata stream itself keeps only its last event.
/// </summary>
internal static class StreamMetadata
{
    public const string MetastreamPrefix = "$$";

    /// <summary>The first revision a read of <paramref name="stream"/> returns (past the end when none is left).</summary>
    public static long FirstReadable(string stream, IReadOnlyList<StoredEvent> events, IReadOnlyList<StoredEvent>? metadata)
    {
        var last = events.Count - 1L;
        if (stream.StartsWith(MetastreamPrefix, StringComparison.Ordinal)) return Math.Max(0, last);
        if (metadata is not { Count: > 0 } || metadata[^1].Type != "$metadata") return 0;
        var (truncateBefore, maxCount) = Parse(metadata[^1]);
        var first = truncateBefore ?? 0;
        if (maxCount is { } max) first = Math.Max(first, last - max + 1);
        return Math.Max(0, first);
    }

    private static (long? TruncateBefore, long? MaxCount) Parse(StoredEvent e)
    {
        try
        {
            using var document = JsonDocument.Parse(e.Data.Memory);
            var root = document.RootElement;
            return (Number(root, "$tb"), Number(root, "$maxCount"));
        }
        catch (JsonException)
        {
            // The server ignores metadata it cannot read.
            return (null, null);
        }
    }

    private static long? Number(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : null;
}
