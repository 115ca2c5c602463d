using System.Collections;
using FlashSale.EventStore;

namespace FlashSale.Application.CommandPath;

/// <summary>
/// The position answered for each durable event of a batch, by its index in the batch: its own position where the store
/// gave it, otherwise the last position of the append (chunk) that carried it. Every event of an append sits at or before
/// that, so a command answered with it is seen by any read that waits for it (read-your-writes), and the append needs no
/// read-back to learn it (ADR 0023).
/// </summary>
internal sealed class AppendedPositions : IReadOnlyList<LogPosition>
{
    private readonly List<(int EndEvent, IReadOnlyList<LogPosition> Positions)> _appends = [];

    public int Count => _appends.Count == 0 ? 0 : _appends[^1].EndEvent;

    public LogPosition this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            var start = 0;
            foreach (var (end, positions) in _appends)
            {
                if (index < end) return positions.Count == end - start ? positions[index - start] : positions[^1];
                start = end;
            }
            throw new ArgumentOutOfRangeException(nameof(index), index, $"Only {Count} events of the batch are durable.");
        }
    }

    /// <summary>The next <paramref name="events"/> events of the batch were appended together; <paramref name="positions"/>
    /// holds each one's position, or only the last one's.</summary>
    public void Add(int events, IReadOnlyList<LogPosition> positions) => _appends.Add((Count + events, positions));

    public IEnumerator<LogPosition> GetEnumerator()
    {
        for (var i = 0; i < Count; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
