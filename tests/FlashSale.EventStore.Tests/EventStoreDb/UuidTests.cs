using FlashSale.EventStore.EventStoreDb.Wire;

namespace FlashSale.EventStore.Tests.EventStoreDb;

public sealed class UuidTests
{
    // Java's UUID.fromString("00112233-4455-6677-8899-aabbccddeeff"): msb 0x0011223344556677, lsb 0x8899aabbccddeeff.
    private static readonly Guid Vector = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff");
    private const long VectorMsb = 0x0011223344556677;
    private const long VectorLsb = unchecked((long)0x8899aabbccddeeffUL);

    [Fact]
    public void a_uuid_goes_on_the_wire_as_big_endian_halves_in_string_order()
    {
        var wire = Uuids.ToWire(Vector);

        wire.Structured.MostSignificantBits.ShouldBe(VectorMsb);
        wire.Structured.LeastSignificantBits.ShouldBe(VectorLsb);
    }

    [Fact]
    public void halves_from_the_wire_read_back_as_the_same_uuid()
    {
        Uuids.FromHalves(VectorMsb, VectorLsb).ShouldBe(Vector);
        Uuids.FromWire(new FlashSale.EventStore.EventStoreDb.Protocol.UUID { String = Vector.ToString() }).ShouldBe(Vector);
    }

    [Fact]
    public void any_uuid_survives_the_round_trip()
    {
        for (var i = 0; i < 100; i++)
        {
            var id = Guid.NewGuid();
            Uuids.FromWire(Uuids.ToWire(id)).ShouldBe(id);
        }
    }
}
