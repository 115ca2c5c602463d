using System.Text.Json;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>
/// The server's stream metadata as far as reads of a stream go (23.10 <c>IndexReader.GetStreamMetadataUncached</c>,
/// <c>StreamMetadata.TryFromJsonBytes</c>): the last event of <c>$$stream</c>, whatever its type, if it was written as JSON,
/// may set <c>$tb</c> (truncate before: lower revisions are no longer read; <c>long.MaxValue</c> is a soft delete, the
/// stream reads as not found) and <c>$maxCount</c> (only the last ones are read). Both apply from the moment they are
/// written, long before a scavenge removes the events; <c>$all</c> still carries those events until then, as the server's
/// does. A metadata stream itself keeps only its last event. Metadata the server cannot read counts as none at all: not
/// JSON, not an object, or a known property of the wrong JSON type or out of range (<c>"$tb":"3"</c>, <c>3.0</c>,
/// <c>-1</c>, <c>"$maxCount":0</c>) drops every property of it; unknown properties are kept and ignored.
/// </summary>
internal static class StreamMetadata
{
    public const string MetastreamPrefix = "$$";

    /// <summary>The first revision a read of <paramref name="stream"/> returns (past the end when none is left), or
    /// <see cref="long.MaxValue"/> when the metadata deletes the stream.</summary>
    public static long FirstReadable(string stream, IReadOnlyList<StoredEvent> events, IReadOnlyList<StoredEvent>? metadata)
    {
        var last = events.Count - 1L;
        if (stream.StartsWith(MetastreamPrefix, StringComparison.Ordinal)) return Math.Max(0, last);
        if (metadata is not { Count: > 0 } || Parse(metadata[^1]) is not { } parsed) return 0;
        var (truncateBefore, maxCount) = parsed;
        if (truncateBefore == long.MaxValue) return long.MaxValue;
        var first = truncateBefore ?? 0;
        if (maxCount is { } max) first = Math.Max(first, last - max + 1);
        return Math.Max(0, first);
    }

    private static (long? TruncateBefore, long? MaxCount)? Parse(StoredEvent e)
    {
        if (e.Data.IsEmpty || e.Metadata.GetValueOrDefault("content-type") != "application/json") return null;
        try
        {
            using var document = JsonDocument.Parse(e.Data.Memory);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            long? truncateBefore = null, maxCount = null;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "$tb":
                        truncateBefore = Integer(property.Value, min: 0);
                        break;
                    case "$maxCount":
                        maxCount = Integer(property.Value, min: 1);
                        break;
                    case "$maxAge" or "$cacheControl":
                        Integer(property.Value, min: 1);
                        break;
                    case "$tempStream" when property.Value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
                        throw new FormatException();
                }
            }
            return (truncateBefore, maxCount);
        }
        catch (Exception error) when (error is JsonException or FormatException)
        {
            return null;
        }
    }

    // Newtonsoft's Integer token, as the server reads it: a number without fraction or exponent that fits a long.
    private static long Integer(JsonElement value, long min)
    {
        if (value.ValueKind != JsonValueKind.Number || value.GetRawText().AsSpan().IndexOfAny(".eE") >= 0 ||
            !value.TryGetInt64(out var number) || number < min)
            throw new FormatException();
        return number;
    }
}
