using FlashSale.Projections;

namespace FlashSale.ReadModels.Running;

/// <summary>
/// The keys a writer's table may hold rows for, as a Bloom filter of every key it gave a row since the table was empty
/// (ADR 0029). "No" is certain: the writer is the table's only writer while its checkpoint version holds (every write
/// of the table moves the version), so a key it never wrote has no row and needs no load. "Maybe" costs a load, as
/// before; the filter only fills up, so a long sale loads more often, never wrongly.
/// </summary>
internal sealed class RowPresence
{
    private const int Bits = 1 << 23; // 1 MB: ~1 false "maybe" in 450 at 200,000 keys, 1 in 22 at 1,000,000
    private readonly ulong[] _words = new ulong[Bits / 64];

    public void Add(RowKey key)
    {
        var (first, second) = Indexes(key);
        _words[first >> 6] |= 1UL << first;
        _words[second >> 6] |= 1UL << second;
    }

    public bool MayHold(RowKey key)
    {
        var (first, second) = Indexes(key);
        return (_words[first >> 6] & (1UL << first)) != 0 && (_words[second >> 6] & (1UL << second)) != 0;
    }

    private static (int First, int Second) Indexes(RowKey key)
    {
        var hash = (uint)key.GetHashCode();
        return ((int)(hash & (Bits - 1)), (int)((hash * 0x9E3779B1u) >> 9));
    }
}
