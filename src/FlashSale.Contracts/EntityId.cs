using System.Buffers;
using System.Text;

namespace FlashSale.Contracts;

/// <summary>
/// What an item, order or user id may be. Every accepted id round-trips through a URL path segment (and a query value)
/// to exactly itself, so a Location header, a payment callback URL or a CLI argument always names the same thing:
/// ASCII letters and digits and <c>- _ . ~ : @</c>, at most <see cref="MaxBytes"/> bytes, never "." or ".." (clients and
/// proxies resolve those as path steps). ASCII because it is trivially in Unicode normal form C: the process runs with
/// invariant globalization (no normalization tables), and two spellings of one accented id must never be two ids.
/// </summary>
public static class EntityId
{
    public const int MaxBytes = 128;

    public const string AllowedPunctuation = "-_.~:@";

    /// <summary>Why <paramref name="value"/> is not a valid id (a sentence naming the rule, starting with the field
    /// name), or null when it is one.</summary>
    public static string? Problem(string field, string? value)
    {
        if (string.IsNullOrEmpty(value)) return $"'{field}' is required.";
        if (value is "." or "..") return $"'{field}' must not be '.' or '..'.";
        if (Encoding.UTF8.GetByteCount(value) is var bytes and > MaxBytes)
            return $"'{field}' must be at most {MaxBytes} bytes (it has {bytes}).";
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != OperationStatus.Done || !IsAllowed(rune))
                return $"'{field}' may contain only ASCII letters, digits and the characters {AllowedPunctuation} " +
                       $"(not '{Describe(rest[..Math.Max(consumed, 1)])}')" +
                       (!rune.IsAscii && Rune.IsLetterOrDigit(rune) ? LookAlike : ".");
            rest = rest[consumed..];
        }
        return null;
    }

    public static bool IsValid(string? value) => Problem("id", value) is null;

    private const string LookAlike = ": a letter or digit outside ASCII (accented, full-width, or one that looks like an ASCII one) " +
        "would let two different ids look the same, so it is refused rather than taken for an ASCII character.";

    private static bool IsAllowed(Rune rune) =>
        rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || AllowedPunctuation.Contains((char)rune.Value, StringComparison.Ordinal));

    /// <summary>Printable ASCII as itself, everything else as its code point (invisible and lone characters stay visible).</summary>
    private static string Describe(ReadOnlySpan<char> offending) =>
        offending.Length == 1 && offending[0] is > ' ' and < (char)0x7F
            ? offending.ToString()
            : Rune.DecodeFromUtf16(offending, out var rune, out _) == OperationStatus.Done ? $"U+{rune.Value:X4}" : $"U+{(int)offending[0]:X4}";
}
