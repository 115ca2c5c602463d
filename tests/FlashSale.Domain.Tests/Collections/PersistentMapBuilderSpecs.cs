using FlashSale.Domain.Collections;

namespace FlashSale.Domain.Tests.Collections;

public sealed class PersistentMapBuilderSpecs
{
    [Fact]
    public void a_map_built_in_bulk_answers_like_one_built_entry_by_entry_and_its_versions_stay_themselves()
    {
        var builder = PersistentMap<int>.CreateBuilder(1_000);
        var byEntry = PersistentMap<int>.Empty;
        for (var i = 0; i < 1_000; i++)
        {
            builder.Add($"k{i}", i);
            byEntry = byEntry.SetItem($"k{i}", i);
        }
        var built = builder.ToMap();
        var changed = built.SetItem("k1", -1).SetItem("new", 7);

        built.Count.ShouldBe(1_000);
        built.OrderBy(e => e.Key, StringComparer.Ordinal).ShouldBe(byEntry.OrderBy(e => e.Key, StringComparer.Ordinal));
        (changed["k1"], changed["new"], changed.Count).ShouldBe((-1, 7, 1_001));
        (built["k1"], built.ContainsKey("new"), built.Count).ShouldBe((1, false, 1_000));
    }

    [Fact]
    public void an_empty_builder_gives_an_empty_map_that_shares_nothing_with_other_maps()
    {
        var built = PersistentMap<string>.CreateBuilder(0).ToMap();
        var other = PersistentMap<string>.Empty.SetItem("k", "other");

        built.ShouldBeEmpty();
        built.SetItem("k", "built")["k"].ShouldBe("built");
        other["k"].ShouldBe("other");
    }

    [Fact]
    public void a_key_added_twice_is_refused_and_the_builder_is_spent_once_its_map_is_taken()
    {
        var builder = PersistentMap<int>.CreateBuilder(2);
        builder.Add("a", 1);

        Should.Throw<ArgumentException>(() => builder.Add("a", 2)).Message.ShouldContain("'a'");
        var map = builder.ToMap();
        Should.Throw<InvalidOperationException>(() => builder.Add("b", 2));
        Should.Throw<InvalidOperationException>(() => builder.ToMap());
        (map.Count, map["a"]).ShouldBe((1, 1));
    }
}
