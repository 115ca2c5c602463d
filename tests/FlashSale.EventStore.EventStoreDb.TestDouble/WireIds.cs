using System.Buffers.Binary;
using FlashSale.EventStore.EventStoreDb.Protocol;
using Grpc.Core;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>UUIDs as the server reads and writes them: msb/lsb big-endian halves, or the string form.</summary>
internal static class WireIds
{
    public static Guid FromWire(UUID? uuid)
    {
        switch (uuid?.ValueCase)
        {
            case UUID.ValueOneofCase.Structured:
                Span<byte> bytes = stackalloc byte[16];
                BinaryPrimitives.WriteInt64BigEndian(bytes, uuid.Structured.MostSignificantBits);
                BinaryPrimitives.WriteInt64BigEndian(bytes[8..], uuid.Structured.LeastSignificantBits);
                return new Guid(bytes, bigEndian: true);
            case UUID.ValueOneofCase.String when Guid.TryParse(uuid.String, out var id):
                return id;
            default:
                throw new RpcException(new Status(StatusCode.InvalidArgument, "An event needs an id."));
        }
    }

    public static UUID ToWire(Guid id, bool structured)
    {
        if (!structured) return new UUID { String = id.ToString() };
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
}
