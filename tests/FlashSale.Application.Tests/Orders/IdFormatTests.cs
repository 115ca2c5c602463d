using FlashSale.Contracts;

namespace FlashSale.Application.Tests.Orders;

public sealed class IdFormatTests
{
    [Theory]
    [InlineData("sku-1")]
    [InlineData("ORD_7f3a:retry@shop~1.2")]
    [InlineData("..a")]
    [InlineData("a.")]
    public void ids_of_ascii_letters_digits_and_url_safe_punctuation_are_valid(string id) =>
        EntityId.Problem("orderId", id).ShouldBeNull();

    [Theory]
    [InlineData("", "is required")]
    [InlineData(".", "'.' or '..'")]
    [InlineData("..", "'.' or '..'")]
    [InlineData("a/b", "(not '/')")]
    [InlineData("a%2Fb", "(not '%')")]
    [InlineData("a b", "(not 'U+0020')")]
    [InlineData("a+b", "(not '+')")]
    [InlineData("a\u0000b", "(not 'U+0000')")]
    [InlineData("\u200Ba", "(not 'U+200B')")]
    [InlineData("caf\u00E9", "(not 'U+00E9')")]
    [InlineData("cafe\u0301", "(not 'U+0301')")]
    [InlineData("\U0001F525", "(not 'U+1F525')")]
    public void an_id_that_cannot_round_trip_through_a_url_names_the_rule_it_breaks(string id, string rule) =>
        EntityId.Problem("orderId", id).ShouldNotBeNull().ShouldContain(rule);

    [Fact]
    public void a_lone_surrogate_is_not_an_id() =>
        EntityId.Problem("orderId", "\uD800a").ShouldNotBeNull().ShouldContain("(not 'U+D800')");

    [Fact]
    public void ids_are_limited_in_utf8_bytes_not_characters()
    {
        EntityId.Problem("itemId", new string('x', 128)).ShouldBeNull();
        EntityId.Problem("itemId", new string('x', 129)).ShouldNotBeNull().ShouldContain("at most 128 bytes (it has 129)");
        EntityId.Problem("itemId", new string('\u00E9', 65)).ShouldNotBeNull().ShouldContain("at most 128 bytes (it has 130)");
    }

    [Fact]
    public void every_valid_id_is_its_own_url_path_segment_after_escaping_and_unescaping()
    {
        foreach (var id in new[] { "sku-1", "Zoe:u@x~y.z", "a..b", "A-Za-z0-9-_.~:@" })
            Uri.UnescapeDataString(Uri.EscapeDataString(id)).ShouldBe(id);
    }
}
