using System.Text;
using FlashSale.EventStore.Sqlite;
using Microsoft.Data.Sqlite;

namespace FlashSale.EventStore.Tests.Sqlite;

/// <summary>
/// The store's recent appends are held for its live subscriptions until each subscription that was reading when they
/// were added has passed them (ADR 0041), and never longer than the ring holds; what is not held is read from the file,
/// so holding less changes where a subscription reads from, never what it reads.
/// </summary>
public sealed class RecentAppendsTests
{
    private static RecordedEvent Event(ulong commit) =>
        new("item-1", (long)commit, LogPosition.At(commit), Guid.NewGuid(), "V1.Test", Array.Empty<byte>(), Array.Empty<byte>(), DateTimeOffset.UnixEpoch);

    private static List<ulong>? Continue(RecentAppends recent, ulong after, int max = 100)
    {
        var into = new List<RecordedEvent>();
        return recent.TryContinue(LogPosition.At(after), max, into) ? [.. into.Select(e => e.Position.Commit)] : null;
    }

    [Fact]
    public void an_event_is_held_until_every_reader_that_was_reading_when_it_came_has_passed_it()
    {
        var recent = new RecentAppends(16);
        var (a, b) = (recent.Join(), recent.Join());
        recent.Add([Event(1), Event(2), Event(3)]);

        recent.Pass(a, LogPosition.At(3));
        Continue(recent, 0).ShouldBe([1UL, 2, 3], "b has not passed them");
        recent.Pass(b, LogPosition.At(2));
        recent.Count.ShouldBe(1);
        Continue(recent, 2).ShouldBe([3UL]);
        Continue(recent, 0).ShouldBeNull("passed by both: read from the file");

        var late = recent.Join(); // owes nothing for what came before it
        recent.Leave(b);
        recent.Count.ShouldBe(0);
        Continue(recent, 3).ShouldBe([], "nothing appended after 3: wait");
        Continue(recent, 2).ShouldBeNull("3 was appended and is gone");

        recent.Add([Event(4)]);
        recent.Pass(a, LogPosition.At(4));
        Continue(recent, 3).ShouldBe([4UL], "late has not passed it");
        recent.Leave(late);
        recent.Count.ShouldBe(0);
    }

    [Fact]
    public void an_event_a_reader_read_from_the_file_before_it_was_added_is_not_owed_by_that_reader()
    {
        var recent = new RecentAppends(16);
        var (ahead, behind) = (recent.Join(), recent.Join());
        recent.Pass(ahead, LogPosition.At(2)); // read 1 and 2 from the file: durable before this instance added them

        recent.Add([Event(1), Event(2), Event(3)]);
        recent.Pass(behind, LogPosition.At(2));

        recent.Count.ShouldBe(1, "1 and 2 were owed by the reader behind only");
        Continue(recent, 2).ShouldBe([3UL]);
    }

    [Fact]
    public void with_no_reader_nothing_is_held_and_a_reader_that_never_passes_keeps_only_what_the_ring_holds()
    {
        var recent = new RecentAppends(4);
        recent.Add([Event(1), Event(2)]);
        recent.Count.ShouldBe(0);
        Continue(recent, 0).ShouldBeNull();
        Continue(recent, 2).ShouldBe([]);

        recent.Join();
        recent.Add([.. Enumerable.Range(3, 6).Select(c => Event((ulong)c))]);
        Continue(recent, 4).ShouldBe([5UL, 6, 7, 8]);
        Continue(recent, 3).ShouldBeNull("4 was overwritten");
        Continue(recent, 6, max: 1).ShouldBe([7UL]);
    }

    [Fact]
    public async Task a_store_holds_nothing_once_its_live_subscriptions_have_read_everything_and_each_reads_every_event_once()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"flashsale-recent-{Guid.NewGuid():N}");
        try
        {
            await using var store = await SqliteEventStore.OpenAsync(Path.Combine(directory, "events.db"));
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            const int appends = 300;
            var readers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
            {
                var seen = new List<ulong>();
                await foreach (var e in store.SubscribeToAllAsync(null, StreamFilter.AllUserStreams, cancel.Token))
                {
                    seen.Add(e.Position.Commit);
                    if (seen.Count == appends * 2) break;
                }
                return seen;
            })).ToArray();
            await Task.WhenAll(Enumerable.Range(0, appends).Select(i => Task.Run(() => store.AppendAsync($"item-{i}", ExpectedRevision.NoStream,
                [
                    new EventData(Guid.NewGuid(), "V1.Test", Encoding.UTF8.GetBytes($$"""{"n":{{i}}}"""), "{}"u8.ToArray()),
                    new EventData(Guid.NewGuid(), "V1.Test", "{}"u8.ToArray(), "{}"u8.ToArray()),
                ]))));

            foreach (var seen in await Task.WhenAll(readers).WaitAsync(cancel.Token))
                seen.ShouldBe(Enumerable.Range(1, appends * 2).Select(c => (ulong)c));
            store.RecentAppendsHeld.ShouldBe(0, "every subscription passed every event and left");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
        }
    }
}
