using System.Text;
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

    /// <summary>The stream metadata event (on <c>$$stream</c>) that has the server hide, then scavenge, every event before
    /// <paramref name="truncateBefore"/>.</summary>
    public static AppendReq TruncateBefore(long truncateBefore) => Proposed("$metadata", WireEvents.Json,
        ByteString.CopyFrom(Encoding.UTF8.GetBytes($$"""{"$tb":{{truncateBefore}}}""")), ByteString.Empty);

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
