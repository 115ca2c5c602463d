using System.Buffers;
using System.Text.Json;
using FlashSale.EventStore.EventStoreDb.Protocol;
using FlashSale.EventStore.EventStoreDb.Wire;
using Google.Protobuf;
using Options = FlashSale.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace FlashSale.EventStore.EventStoreDb.Snapshots;

/// <summary>The requests of the snapshot store: binary parts, JSON commits, stream metadata, backward stream reads.</summary>
internal static class SnapshotRequests
{
    private const string OctetStream = "application/octet-stream";

    public static AppendReq Part(ReadOnlyMemory<byte> data, SnapshotPart part) => Proposed(SnapshotStreams.PartType, OctetStream,
        UnsafeByteOperations.UnsafeWrap(data), ByteString.CopyFrom(part.ToBytes()));

    public static AppendReq Commit(SnapshotCommit commit) =>
        Proposed(SnapshotStreams.CommitType, WireEvents.Json, ByteString.CopyFrom(commit.ToJson()), ByteString.Empty);

    /// <summary>
    /// The stream metadata event (for <c>$$stream</c>) that has the server hide, then scavenge, every event before
    /// <paramref name="truncateBefore"/>: type <c>$metadata</c>, written as JSON (the server ignores metadata that is not),
    /// <c>$tb</c> a JSON integer, every other property of <paramref name="current"/> (the metadata stream's last event) kept
    /// as it was. Null when <paramref name="current"/> already truncates at or past it.
    /// </summary>
    public static AppendReq? TruncateBefore(long truncateBefore, ReadResp.Types.ReadEvent.Types.RecordedEvent? current)
    {
        using var document = ReadableMetadata(current);
        if (document?.RootElement.TryGetProperty(TruncateBeforeKey, out var stored) == true &&
            stored.ValueKind == JsonValueKind.Number && stored.TryGetInt64(out var at) && at >= truncateBefore)
            return null;
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (document is not null)
                foreach (var property in document.RootElement.EnumerateObject())
                    if (property.Name != TruncateBeforeKey) property.WriteTo(json);
            json.WriteNumber(TruncateBeforeKey, truncateBefore);
            json.WriteEndObject();
        }
        return Proposed(MetadataType, WireEvents.Json, ByteString.CopyFrom(buffer.WrittenSpan), ByteString.Empty);
    }

    private const string MetadataType = "$metadata";
    private const string TruncateBeforeKey = "$tb";

    /// <summary>The metadata as a JSON object, or null when there is none the server would read.</summary>
    private static JsonDocument? ReadableMetadata(ReadResp.Types.ReadEvent.Types.RecordedEvent? current)
    {
        if (current is null || current.Data.IsEmpty || current.Metadata.GetValueOrDefault(WireEvents.ContentTypeKey) != WireEvents.Json)
            return null;
        try
        {
            var document = JsonDocument.Parse(current.Data.Memory);
            if (document.RootElement.ValueKind == JsonValueKind.Object) return document;
            document.Dispose();
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Roughly what the server counts against its maximum append size for one event.</summary>
    public static int SizeOf(AppendReq message) =>
        message.ProposedMessage.Data.Length + message.ProposedMessage.CustomMetadata.Length + 2 * message.ProposedMessage.Metadata["type"].Length;

    /// <param name="before">-1: from the end; otherwise down from that revision (inclusive).</param>
    public static ReadReq ReadStreamBackwards(string streamId, long before, int count)
    {
        var stream = new Options.Types.StreamOptions { StreamIdentifier = WireEvents.Stream(streamId) };
        if (before < 0) stream.End = new Empty();
        else stream.Revision = (ulong)before;
        return new ReadReq
        {
            Options = new Options
            {
                Stream = stream,
                ReadDirection = Options.Types.ReadDirection.Backwards,
                ResolveLinks = false,
                Count = (ulong)count,
                NoFilter = new Empty(),
                UuidOption = new Options.Types.UUIDOption { Structured = new Empty() },
                ControlOption = new Options.Types.ControlOption { Compatibility = 1 },
            },
        };
    }

    /// <summary>The last event of $all that is not a snapshot's, before <paramref name="before"/> (null: from the end).</summary>
    public static ReadReq ReadLastOfAllButSnapshots(LogPosition? before) => new()
    {
        Options = new Options
        {
            All = before is { } p
                ? new Options.Types.AllOptions { Position = new Options.Types.Position { CommitPosition = p.Commit, PreparePosition = p.Prepare } }
                : new Options.Types.AllOptions { End = new Empty() },
            ReadDirection = Options.Types.ReadDirection.Backwards,
            ResolveLinks = false,
            Count = 1,
            Filter = new Options.Types.FilterOptions
            {
                StreamIdentifier = new Options.Types.FilterOptions.Types.Expression { Regex = SnapshotStreams.AllButSnapshotsRegex },
                Count = new Empty(),
                CheckpointIntervalMultiplier = 1,
            },
            UuidOption = new Options.Types.UUIDOption { Structured = new Empty() },
            ControlOption = new Options.Types.ControlOption { Compatibility = 1 },
        },
    };

    private static AppendReq Proposed(string type, string contentType, ByteString data, ByteString customMetadata) => new()
    {
        ProposedMessage = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.ToWire(Guid.NewGuid()),
            Metadata = { [WireEvents.TypeKey] = type, [WireEvents.ContentTypeKey] = contentType },
            Data = data,
            CustomMetadata = customMetadata,
        },
    };
}
