using System.Collections.Concurrent;
using System.Globalization;
using FlashSale.Api.Http;
using FlashSale.Application.Validation;
using FluentValidation;

namespace FlashSale.Api.Queries;

/// <summary>Query-string and route input of the read API, checked before anything is read: every mistake is a 400
/// problem naming the field, with the command side's rules for ids.</summary>
public static class QueryInput
{
    private static readonly ConcurrentDictionary<string, InlineValidator<string?>> IdValidators = new();

    /// <exception cref="ProblemException">400 when <paramref name="value"/> is not a valid id (1-128 printable characters).</exception>
    public static void CheckId(string field, string? value)
    {
        var result = IdValidators.GetOrAdd(field, CreateIdValidator).Validate(value);
        if (!result.IsValid)
            throw new ProblemException(Problems.InvalidFields(new Dictionary<string, string[]>
            {
                [field] = [.. result.Errors.Select(e => e.ErrorMessage)],
            }));
    }

    /// <summary><paramref name="fallback"/> when the parameter is absent; a mistake is added to <paramref name="errors"/>.</summary>
    public static int Integer(string name, string? text, int fallback, int min, int max, Dictionary<string, string[]> errors)
    {
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        errors[name] = [$"'{name}' must be a whole number from {min} to {max}."];
        return fallback;
    }

    /// <exception cref="ProblemException">400 naming every field in <paramref name="errors"/>, if there are any.</exception>
    public static void ThrowIfAny(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0) throw new ProblemException(Problems.InvalidFields(errors));
    }

    private static InlineValidator<string?> CreateIdValidator(string field)
    {
        var validator = new InlineValidator<string?>();
        validator.RuleFor(v => v).ValidId().OverridePropertyName(field).WithName(field);
        return validator;
    }
}
