using FlashSale.Domain.Collections;

namespace FlashSale.Domain.Tests.Collections;

public sealed class PersistentMapSpecs
{
    [Fact]
    public void every_version_keeps_answering_as_it_did_after_newer_ones_are_made_and_read()
    {
        var empty = PersistentMap<int>.Empty;
        var one = empty.SetItem("a", 1);
        var two = one.SetItem("b", 2);
        var changed = two.SetItem("a", 10);

        changed["a"].ShouldBe(10);
        one["a"].ShouldBe(1);
        one.ContainsKey("b").ShouldBeFalse();
        two.OrderBy(e => e.Key).ShouldBe([new("a", 1), new("b", 2)]);
        changed.OrderBy(e => e.Key).ShouldBe([new("a", 10), new("b", 2)]);
        (empty.Count, one.Count, two.Count, changed.Count).ShouldBe((0, 1, 2, 2));
        empty.ShouldBeEmpty();
    }

    [Fact]
    public void two_versions_made_from_one_are_apart_and_each_stays_itself()
    {
        var root = PersistentMap<string>.Empty.SetItem("shared", "root");
        var left = root.SetItem("side", "left").SetItem("shared", "left");
        var right = root.SetItem("side", "right");

        left["side"].ShouldBe("left");
        right["side"].ShouldBe("right");
        left["shared"].ShouldBe("left");
        right["shared"].ShouldBe("root");
        root.Keys.ShouldBe(["shared"]);
        left.SetItem("more", "x").Count.ShouldBe(3);
        right.Count.ShouldBe(2);
    }

    [Fact]
    public void maps_started_from_empty_share_nothing()
    {
        var a = PersistentMap<int>.Empty.SetItem("k", 1);
        var b = PersistentMap<int>.Empty.SetItem("k", 2);

        (a["k"], b["k"], PersistentMap<int>.Empty.Count).ShouldBe((1, 2, 0));
    }

    [Fact]
    public void a_random_walk_over_versions_answers_like_immutable_dictionaries()
    {
        var random = new Random(17);
        var versions = new List<(PersistentMap<int> Map, System.Collections.Immutable.ImmutableDictionary<string, int> Expected)>
        {
            (PersistentMap<int>.Empty, System.Collections.Immutable.ImmutableDictionary<string, int>.Empty),
        };
        for (var step = 0; step < 2_000; step++)
        {
            // Mostly forwards from the newest, sometimes from an older version, as a writer after a conflict.
            var (map, expected) = versions[random.Next(4) == 0 ? random.Next(versions.Count) : versions.Count - 1];
            var key = $"k{random.Next(50)}";
            versions.Add((map.SetItem(key, step), expected.SetItem(key, step)));
            var (probe, truth) = versions[random.Next(versions.Count)];
            probe.Count.ShouldBe(truth.Count);
            probe.GetValueOrDefault(key, -1).ShouldBe(truth.GetValueOrDefault(key, -1));
        }
        foreach (var (map, expected) in versions.Where((_, i) => i % 97 == 0))
            map.OrderBy(e => e.Key, StringComparer.Ordinal).ShouldBe(expected.OrderBy(e => e.Key, StringComparer.Ordinal));
    }
}
