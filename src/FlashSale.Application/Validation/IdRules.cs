using System.Buffers;
using System.Globalization;
using System.Text;
using FlashSale.Contracts;
using FluentValidation;

namespace FlashSale.Application.Validation;

public static class IdRules
{
    public const int MaxIdLength = 128;

    /// <summary>Item, order and user ids: see <see cref="EntityId"/> (they round-trip through a URL path segment).</summary>
    public static IRuleBuilderOptions<T, string?> ValidId<T>(this IRuleBuilderInitial<T, string?> rule) =>
        // The placeholder is filled in by FluentValidation, so the message names the field as the caller spelled it.
        rule.Must(v => EntityId.IsValid(v)).WithMessage((_, v) => EntityId.Problem("{PropertyName}", v)!);

    /// <summary>References minted by others (payment references): printable characters, no control characters, at most
    /// 128 bytes in UTF-8 (what is stored and sent on, whatever the characters).</summary>
    public static IRuleBuilderOptions<T, string?> ValidReference<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("'{PropertyName}' is required.")
            .Must(v => Encoding.UTF8.GetByteCount(v!) <= MaxIdLength)
            .WithMessage((_, v) => $"'{{PropertyName}}' must be at most {MaxIdLength} bytes (it has {Encoding.UTF8.GetByteCount(v!)}).")
            .Must(v => IsPrintable(v!)).WithMessage("'{PropertyName}' must contain only printable characters (no control characters or leading/trailing spaces).");

    public static IRuleBuilderOptions<T, string?> PrintableText<T>(this IRuleBuilderInitial<T, string?> rule, int maxLength) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("'{PropertyName}' is required.")
            .MaximumLength(maxLength).WithMessage($"'{{PropertyName}}' must be at most {maxLength} characters.")
            .Must(v => IsPrintable(v!)).WithMessage("'{PropertyName}' must contain only printable characters.");

    private static bool IsPrintable(string value)
    {
        if (value.Length == 0 || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])) return false;
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            // Lone surrogates are not text; format characters such as U+2028 or a BOM are invisible in ids.
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done) return false;
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator) return false;
            rest = rest[consumed..];
        }
        return true;
    }
}
