using System.Buffers.Binary;
using FlashSale.EventStore.EventStoreDb.Protocol;

namespace FlashSale.EventStore.EventStoreDb.Wire;

/// <summary>UUIDs on the wire: two big-endian int64 halves of the UUID in string order (Java's convention), which
/// is not .NET's mixed-endian <see cref="Guid.ToByteArray()"/> layout.</summary>
internal static class Uuids
{
    public static UUID ToWire(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return new UUID
        {
            Structured = new UUID.Types.Structured
            {
                MostSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes),
                LeastSignificantBits = BinaryPrimitives.ReadInt64BigEndian(bytes[8..]),
            },
        };
    }

    public static Guid FromWire(UUID? uuid) => uuid?.ValueCase switch
    {
        UUID.ValueOneofCase.Structured => FromHalves(uuid.Structured.MostSignificantBits, uuid.Structured.LeastSignificantBits),
        UUID.ValueOneofCase.String => Guid.Parse(uuid.String),
        _ => throw new InvalidDataException("The server sent an event without an id."),
    };

    public static Guid FromHalves(long mostSignificant, long leastSignificant)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, mostSignificant);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], leastSignificant);
        return new Guid(bytes, bigEndian: true);
    }
}
