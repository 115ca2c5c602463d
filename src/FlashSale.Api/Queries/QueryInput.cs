using System.Globalization;
using FlashSale.Api.Http;
using FlashSale.Application.Validation;
using FluentValidation;
using Microsoft.AspNetCore.WebUtilities;

namespace FlashSale.Api.Queries;

public readonly record struct Page(int Limit, int Offset)
{
    /// <summary>The same query one page further, for the <c>next</c> link.</summary>
    public string NextLink(HttpRequest request) =>
        QueryHelpers.AddQueryString((request.PathBase + request.Path).ToString(),
            request.Query.Where(q => q.Key is not ("offset" or "limit"))
                .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
                .Append(KeyValuePair.Create("limit", (string?)Limit.ToString(CultureInfo.InvariantCulture)))
                .Append(KeyValuePair.Create("offset", (string?)(Offset + Limit).ToString(CultureInfo.InvariantCulture))));
}

/// <summary>Query-string and route input of the read API, checked before anything is read: every mistake is a 400
/// problem naming the field, with the command side's rules for ids.</summary>
public static class QueryInput
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, InlineValidator<string?>> IdValidators = new();

    public static (Page Page, IResult? Problem) Paging(HttpRequest request, int maxLimit = MaxLimit)
    {
        var errors = new Dictionary<string, string[]>();
        var limit = Integer(request, "limit", DefaultLimit, 1, maxLimit, errors);
        var offset = Integer(request, "offset", 0, 0, int.MaxValue - maxLimit, errors);
        return (new Page(limit, offset), errors.Count > 0 ? Problems.InvalidFields(errors) : null);
    }

    /// <returns>A 400 problem when <paramref name="value"/> is not a valid id (1-128 printable characters).</returns>
    public static IResult? Id(string field, string? value)
    {
        var result = IdValidators.GetOrAdd(field, CreateIdValidator).Validate(value);
        return result.IsValid ? null : Problems.InvalidFields(new Dictionary<string, string[]>
        {
            [field] = [.. result.Errors.Select(e => e.ErrorMessage)],
        });
    }

    public static string? Text(HttpRequest request, string name) =>
        request.Query.TryGetValue(name, out var values) ? values.ToString() : null;

    public static int Integer(HttpRequest request, string name, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (Text(request, name) is not { } text) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return fallback;
    }

    private static InlineValidator<string?> CreateIdValidator(string field)
    {
        var validator = new InlineValidator<string?>();
        validator.RuleFor(v => v).ValidId().OverridePropertyName(field).WithName(field);
        return validator;
    }
}
