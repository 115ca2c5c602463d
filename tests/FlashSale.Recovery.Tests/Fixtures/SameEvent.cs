using FlashSale.EventStore;

namespace FlashSale.Recovery.Tests.Fixtures;

public static class SameEvents
{
    /// <summary>The same events in the same order: stream, revision, id, type, the exact data and metadata bytes, and
    /// (unless the logs are of different stores) the position.</summary>
    public static void ShouldBeSameEvents(this IReadOnlyList<RecordedEvent> actual, IReadOnlyList<RecordedEvent> expected,
        string because, bool comparePositions = true)
    {
        for (var i = 0; i < Math.Min(actual.Count, expected.Count); i++)
            if (!Same(actual[i], expected[i], comparePositions))
                throw new ShouldAssertException($"{because}: event {i} differs: expected {Describe(expected[i])}, got {Describe(actual[i])}");
        actual.Count.ShouldBe(expected.Count, because);
    }

    private static bool Same(RecordedEvent x, RecordedEvent y, bool comparePositions) =>
        x.StreamId == y.StreamId && x.StreamRevision == y.StreamRevision && (!comparePositions || x.Position == y.Position) &&
        x.EventId == y.EventId && x.Type == y.Type && x.Data.Span.SequenceEqual(y.Data.Span) && x.Metadata.Span.SequenceEqual(y.Metadata.Span);

    private static string Describe(RecordedEvent e) =>
        $"{e.StreamId}@{e.StreamRevision} pos {e.Position} {e.Type} {e.EventId} {System.Text.Encoding.UTF8.GetString(e.Data.Span)}";
}
