using System.Text.Json;
using System.Text.RegularExpressions;

namespace FlashSale.Api.Tests.Docs;

/// <summary>
/// The subset of JSON Schema the API's document uses: <c>$ref</c>, <c>type</c> (one or several), <c>properties</c>,
/// <c>required</c>, <c>additionalProperties</c>, <c>items</c>, <c>enum</c>, <c>allOf</c>/<c>anyOf</c>/<c>oneOf</c> and
/// <c>pattern</c>. A keyword it does not know is an error, so the document cannot outgrow the check unnoticed.
/// </summary>
public static class SchemaCheck
{
    private static readonly HashSet<string> Annotations = ["format", "description", "default", "minimum", "maximum", "title"];

    /// <returns>Every place <paramref name="value"/> breaks <paramref name="schema"/>; empty when it fits.</returns>
    public static IReadOnlyList<string> Errors(JsonElement schema, JsonElement value, JsonElement document, string path = "$")
    {
        var errors = new List<string>();
        Check(schema, value, document, path, errors);
        return errors;
    }

    private static void Check(JsonElement schema, JsonElement value, JsonElement document, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            var rule = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                    Check(Resolve(rule.GetString()!, document), value, document, path, errors);
                    break;
                case "type":
                    var types = rule.ValueKind == JsonValueKind.Array ? rule.EnumerateArray().Select(t => t.GetString()!).ToList() : [rule.GetString()!];
                    if (!types.Any(t => IsOfType(value, t))) errors.Add($"{path}: {value.ValueKind} is not {string.Join(" or ", types)}");
                    break;
                case "properties" when value.ValueKind == JsonValueKind.Object:
                    foreach (var property in rule.EnumerateObject())
                        if (value.TryGetProperty(property.Name, out var member))
                            Check(property.Value, member, document, $"{path}.{property.Name}", errors);
                    break;
                case "required" when value.ValueKind == JsonValueKind.Object:
                    foreach (var name in rule.EnumerateArray().Select(n => n.GetString()!))
                        if (!value.TryGetProperty(name, out _)) errors.Add($"{path}: required '{name}' is missing");
                    break;
                case "additionalProperties" when value.ValueKind == JsonValueKind.Object:
                    var declared = schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name).ToHashSet() : [];
                    foreach (var member in value.EnumerateObject().Where(m => !declared.Contains(m.Name)))
                        if (rule.ValueKind == JsonValueKind.False) errors.Add($"{path}: '{member.Name}' is not allowed");
                        else if (rule.ValueKind == JsonValueKind.Object) Check(rule, member.Value, document, $"{path}.{member.Name}", errors);
                    break;
                case "items" when value.ValueKind == JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in value.EnumerateArray()) Check(rule, item, document, $"{path}[{index++}]", errors);
                    break;
                case "enum":
                    if (!rule.EnumerateArray().Any(e => JsonElement.DeepEquals(e, value))) errors.Add($"{path}: {value} is not one of {rule}");
                    break;
                case "pattern" when value.ValueKind == JsonValueKind.String:
                    if (!Regex.IsMatch(value.GetString()!, rule.GetString()!)) errors.Add($"{path}: '{value}' does not match {rule}");
                    break;
                case "allOf":
                    foreach (var part in rule.EnumerateArray()) Check(part, value, document, path, errors);
                    break;
                case "anyOf" or "oneOf":
                    var fits = rule.EnumerateArray().Count(part => Errors(part, value, document, path).Count == 0);
                    if (fits == 0 || keyword.Name == "oneOf" && fits > 1)
                        errors.Add($"{path}: fits {fits} of the {keyword.Name} schemas: {value}");
                    break;
                case "properties" or "required" or "additionalProperties" or "items" or "pattern":
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name)) errors.Add($"{path}: the check does not know the keyword '{keyword.Name}'");
                    break;
            }
        }
    }

    private static bool IsOfType(JsonElement value, string type) => type switch
    {
        "null" => value.ValueKind == JsonValueKind.Null,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var d) && d == decimal.Truncate(d),
        _ => throw new ShouldAssertException($"Unknown JSON Schema type '{type}'."),
    };

    public static JsonElement Resolve(string reference, JsonElement document)
    {
        const string Prefix = "#/components/schemas/";
        reference.ShouldStartWith(Prefix);
        return document.GetProperty("components").GetProperty("schemas").TryGetProperty(reference[Prefix.Length..], out var schema)
            ? schema
            : throw new ShouldAssertException($"The document has no schema {reference}.");
    }
}
