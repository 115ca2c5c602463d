using System.Text.Json;

namespace FlashSale.Api.Tests.Docs;

/// <summary>The schema check finds what a wrong answer would break, so that its silence on real answers means something.</summary>
public sealed class SchemaCheckTests
{
    private static readonly JsonElement Document = JsonDocument.Parse("""
        {"components":{"schemas":{"Stock":{"type":"object","required":["itemId","available"],
          "properties":{"itemId":{"type":"string"},"available":{"type":"integer"},"note":{"type":["null","string"]},
                        "state":{"oneOf":[{"type":"null"},{"$ref":"#/components/schemas/State"}]}}},
          "State":{"type":"object","properties":{"status":{"type":"string","enum":["open","closed"]}}}}}}
        """).RootElement;

    private static IReadOnlyList<string> Check(string json) =>
        SchemaCheck.Errors(JsonDocument.Parse("""{"$ref":"#/components/schemas/Stock"}""").RootElement, JsonDocument.Parse(json).RootElement, Document);

    [Fact]
    public void a_fitting_value_has_no_errors() =>
        Check("""{"itemId":"a","available":3,"note":null,"state":{"status":"open"}}""").ShouldBeEmpty();

    [Theory]
    [InlineData("""{"available":3}""", "required 'itemId'")]
    [InlineData("""{"itemId":"a","available":"3"}""", "$.available")]
    [InlineData("""{"itemId":"a","available":1.5}""", "$.available")]
    [InlineData("""{"itemId":"a","available":1,"note":4}""", "$.note")]
    [InlineData("""{"itemId":"a","available":1,"state":{"status":"lost"}}""", "$.state")]
    [InlineData("""[1]""", "is not object")]
    public void a_value_that_breaks_the_schema_is_reported_where_it_breaks_it(string json, string expected) =>
        Check(json).ShouldContain(e => e.Contains(expected, StringComparison.Ordinal));

    [Fact]
    public void a_keyword_the_check_does_not_know_is_an_error() =>
        SchemaCheck.Errors(JsonDocument.Parse("""{"not":{"type":"string"}}""").RootElement, JsonDocument.Parse("1").RootElement, Document)
            .ShouldHaveSingleItem().ShouldContain("'not'");
}
