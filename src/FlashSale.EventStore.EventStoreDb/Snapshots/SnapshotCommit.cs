using System.Buffers.Binary;
using System.Text.Json;

namespace FlashSale.EventStore.EventStoreDb.Snapshots;

/// <summary>
/// The event that makes a snapshot write count: its parts are the <see cref="Parts"/> events of write <see cref="Write"/>
/// from revision <see cref="First"/> up to it (other writers' parts may sit between them). A write without its commit,
/// or whose parts are gone, is no snapshot.
/// </summary>
/// <param name="BasedOn">Null: the write replaces every entry; otherwise its entries are upserted on the snapshot before it.</param>
/// <param name="ChainLength">Bytes of the last replacing write and of every increment since, this one included.</param>
/// <param name="ReplacedLength">Bytes of the last replacing write.</param>
internal sealed record SnapshotCommit(Guid Write, long First, int Parts, long Length, long Revision, Guid EventId, string Schema, long? BasedOn,
    long ChainLength, long ReplacedLength)
{
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("write", Write);
            json.WriteNumber("first", First);
            json.WriteNumber("parts", Parts);
            json.WriteNumber("length", Length);
            json.WriteNumber("revision", Revision);
            json.WriteString("eventId", EventId);
            json.WriteString("schema", Schema);
            if (BasedOn is { } basedOn) json.WriteNumber("basedOn", basedOn);
            else json.WriteNull("basedOn");
            json.WriteNumber("chainLength", ChainLength);
            json.WriteNumber("replacedLength", ReplacedLength);
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <exception cref="InvalidDataException">Not a commit this adapter wrote.</exception>
    public static SnapshotCommit Parse(ReadOnlyMemory<byte> data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            var root = document.RootElement;
            var basedOn = root.GetProperty("basedOn");
            return new SnapshotCommit(root.GetProperty("write").GetGuid(), root.GetProperty("first").GetInt64(),
                root.GetProperty("parts").GetInt32(), root.GetProperty("length").GetInt64(), root.GetProperty("revision").GetInt64(),
                root.GetProperty("eventId").GetGuid(), root.GetProperty("schema").GetString() ?? "",
                basedOn.ValueKind == JsonValueKind.Null ? null : basedOn.GetInt64(), root.GetProperty("chainLength").GetInt64(),
                root.GetProperty("replacedLength").GetInt64());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"A snapshot commit cannot be read: {e.Message}", e);
        }
    }
}

/// <summary>What a part event carries besides its bytes (its custom metadata): the write it belongs to and its place in it.</summary>
internal readonly record struct SnapshotPart(Guid Write, int Index)
{
    public byte[] ToBytes()
    {
        var bytes = new byte[20];
        Write.TryWriteBytes(bytes, bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), Index);
        return bytes;
    }

    public static SnapshotPart? Parse(ReadOnlySpan<byte> metadata) =>
        metadata.Length == 20 ? new SnapshotPart(new Guid(metadata[..16], bigEndian: true), BinaryPrimitives.ReadInt32BigEndian(metadata[16..])) : null;
}
