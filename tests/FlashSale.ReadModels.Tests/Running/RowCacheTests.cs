using FlashSale.Projections;
using FlashSale.ReadModels.Running;

namespace FlashSale.ReadModels.Tests.Running;

/// <summary>The bounded cache of a projection writer's rows (ADR 0040): two generations of half the limit each.</summary>
public sealed class RowCacheTests
{
    [Fact]
    public void a_row_set_again_within_each_generation_stays_while_rows_set_once_go_after_the_limits_worth_of_others()
    {
        var cache = new RowCache(limit: 8);

        for (var i = 0; i < 100; i++)
        {
            cache.Set("hot", i);
            cache.Set($"cold-{i}", i);
            cache.Count.ShouldBeLessThanOrEqualTo(8);
        }

        cache.TryGet("hot", out var hot).ShouldBeTrue();
        hot.ShouldBe(99);
        cache.TryGet("cold-99", out var newest).ShouldBeTrue();
        newest.ShouldBe(99);
        cache.TryGet("cold-90", out _).ShouldBeFalse();
        cache.DroppedAny.ShouldBeTrue();
    }

    [Fact]
    public void a_row_found_in_the_old_generation_and_set_again_survives_the_next_turn_of_generations()
    {
        var cache = new RowCache(limit: 4);
        cache.Set("a", 1);
        cache.Set("b", 1);
        cache.Set("c", 1); // a and b are now the old generation

        cache.TryGet("a", out var found).ShouldBeTrue();
        cache.Set("a", found);
        cache.Set("d", 1); // the young one (c, a) is full: it becomes the old one, and b goes

        cache.TryGet("a", out _).ShouldBeTrue();
        cache.TryGet("b", out _).ShouldBeFalse();
        cache.DroppedAny.ShouldBeTrue();
    }

    [Fact]
    public void the_newest_value_of_a_row_is_the_one_found_when_an_older_one_is_still_in_the_old_generation()
    {
        var cache = new RowCache(limit: 4);
        cache.Set("a", "first");
        cache.Set("b", null);
        cache.Set("a", "second"); // in the young generation still: replaced in place
        cache.Set("c", "x");
        cache.Set("a", "third"); // now the old generation holds "second"

        cache.TryGet("a", out var row).ShouldBeTrue();
        row.ShouldBe("third");
        cache.TryGet("b", out var none).ShouldBeTrue("a key known to have no row is remembered too");
        none.ShouldBeNull();
    }

    [Fact]
    public void a_cache_that_never_filled_dropped_nothing_and_one_that_was_cleared_did()
    {
        var cache = new RowCache(limit: 10);
        for (var i = 0; i < 10; i++) cache.Set($"k{i}", i);
        cache.DroppedAny.ShouldBeFalse("ten rows fit in two generations of five");

        cache.Clear();

        cache.DroppedAny.ShouldBeTrue();
        cache.Count.ShouldBe(0);
        cache.TryGet("k1", out _).ShouldBeFalse();
    }
}
