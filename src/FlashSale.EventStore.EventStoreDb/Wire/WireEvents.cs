using System.Globalization;
using FlashSale.EventStore.EventStoreDb.Protocol;
using Google.Protobuf;
using ReadEvent = FlashSale.EventStore.EventStoreDb.Protocol.ReadResp.Types.ReadEvent;

namespace FlashSale.EventStore.EventStoreDb.Wire;

internal static class WireEvents
{
    public const string TypeKey = "type";
    public const string ContentTypeKey = "content-type";
    public const string CreatedKey = "created";
    public const string Json = "application/json";

    public static AppendReq ToProposed(EventData e) => new()
    {
        ProposedMessage = new AppendReq.Types.ProposedMessage
        {
            Id = Uuids.ToWire(e.EventId),
            Metadata = { [TypeKey] = e.Type, [ContentTypeKey] = Json },
            // EventData is immutable and is serialized before the call returns: wrap it instead of copying it.
            Data = UnsafeByteOperations.UnsafeWrap(e.Data),
            CustomMetadata = UnsafeByteOperations.UnsafeWrap(e.Metadata),
        },
    };

    public static StreamIdentifier Stream(string streamId) => new() { StreamName = ByteString.CopyFromUtf8(streamId) };

    public static RecordedEvent ToRecorded(ReadEvent read)
    {
        var e = read.Event;
        return new RecordedEvent(
            StreamId: e.StreamIdentifier.StreamName.ToStringUtf8(),
            StreamRevision: (long)e.StreamRevision,
            Position: PositionOf(read),
            EventId: Uuids.FromWire(e.Id),
            Type: e.Metadata.GetValueOrDefault(TypeKey) ?? "",
            Data: e.Data.Memory,
            Metadata: e.CustomMetadata.Memory,
            Created: Created(e.Metadata.GetValueOrDefault(CreatedKey)));
    }

    public static string StreamOf(ReadEvent read) => read.Event.StreamIdentifier.StreamName.ToStringUtf8();

    public static Guid IdOf(ReadEvent read) => Uuids.FromWire(read.Event.Id);

    /// <summary>
    /// The event's own commit/prepare pair. Some servers leave the commit position unset (all ones) on stream reads;
    /// then the read's commit position is used, or the prepare position (equal to the commit one for a single write).
    /// </summary>
    public static LogPosition PositionOf(ReadEvent read)
    {
        var e = read.Event;
        if (e.CommitPosition != ulong.MaxValue) return new LogPosition(e.CommitPosition, e.PreparePosition);
        var commit = read.PositionCase == ReadEvent.PositionOneofCase.CommitPosition ? read.CommitPosition : e.PreparePosition;
        return new LogPosition(commit, e.PreparePosition);
    }

    /// <summary>The position an append's answer names (its last event's), or null when it names none.</summary>
    public static LogPosition? PositionOf(AppendResp.Types.Success success) =>
        success.PositionOptionCase == AppendResp.Types.Success.PositionOptionOneofCase.Position
            ? new LogPosition(success.Position.CommitPosition, success.Position.PreparePosition)
            : null;

    private static DateTimeOffset Created(string? ticks) =>
        long.TryParse(ticks, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? DateTimeOffset.UnixEpoch.AddTicks(value)
            : DateTimeOffset.UnixEpoch;
}
