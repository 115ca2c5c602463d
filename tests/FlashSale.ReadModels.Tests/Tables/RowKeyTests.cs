using FlashSale.Projections;

namespace FlashSale.ReadModels.Tests.Tables;

/// <summary>Row keys of one column hold their string alone; keys of several hold the values in order.</summary>
public sealed class RowKeyTests
{
    [Fact]
    public void a_key_of_one_value_is_the_same_key_however_it_was_made()
    {
        RowKey fromString = "o-1";
        var fromArray = new RowKey("o-1");
        var fromLongerArray = new RowKey(["o-1"]);

        fromString.ShouldBe(fromArray);
        fromArray.ShouldBe(fromLongerArray);
        fromString.GetHashCode().ShouldBe(fromArray.GetHashCode());
        (fromString == fromArray).ShouldBeTrue();
        fromString.Count.ShouldBe(1);
        fromString[0].ShouldBe("o-1");
        fromString.Values.ShouldBe(["o-1"]);
        fromString.ToString().ShouldBe("o-1");
        Should.Throw<ArgumentOutOfRangeException>(() => fromString[1]);
    }

    [Fact]
    public void keys_of_several_values_are_equal_only_with_the_same_values_in_the_same_order()
    {
        var key = new RowKey("sku-1", "o-1");

        key.ShouldBe(new RowKey("sku-1", "o-1"));
        key.GetHashCode().ShouldBe(new RowKey("sku-1", "o-1").GetHashCode());
        key.ShouldNotBe(new RowKey("o-1", "sku-1"));
        key.ShouldNotBe(new RowKey("sku-1"));
        key.ShouldNotBe((RowKey)"sku-1 / o-1");
        ((RowKey)"sku-1").ShouldNotBe(key);
        key.Count.ShouldBe(2);
        key[1].ShouldBe("o-1");
        key.Values.ShouldBe(["sku-1", "o-1"]);
        key.ToString().ShouldBe("sku-1 / o-1");
    }

    [Fact]
    public void a_key_refuses_no_values_a_null_value_and_use_when_it_is_the_default()
    {
        Should.Throw<ArgumentException>(() => new RowKey([]));
        Should.Throw<ArgumentNullException>(() => new RowKey("a", null!));
        Should.Throw<ArgumentNullException>(() => { RowKey _ = (string)null!; });
        Should.Throw<InvalidOperationException>(() => default(RowKey).GetHashCode());
        Should.Throw<InvalidOperationException>(() => default(RowKey).Count);
    }
}
