using System.Text;
using System.Text.Json;

namespace FlashSale.Contracts;

/// <summary>
/// One string instance for an id value while it is recent, for the ids decoded from JSON on every order: the request's
/// body and each follower's read of the log decoded their own copy of the same order, item and user id, and each
/// component kept its copy for the whole sale (the order index, the item's orders, pending payments: ~3 strings of
/// every order the GC copied out of the young generation, ADR 0041). A lookup is a hash of the bytes and a compare with
/// the one string in that slot; a miss decodes and takes the slot. Slots are written without a lock: a string
/// reference is written whole, and a reader that sees another value only misses.
/// </summary>
/// <remarks>Only ASCII values are kept (the common case; a lookup then compares bytes with chars), so a value is never
/// decoded differently than the reader would. The table holds at most
/// <see cref="Slots"/> strings alive that would otherwise be collected: a bound, and a value an attacker floods in only
/// evicts others.</remarks>
public static class IdStrings
{
    /// <summary>Longer values are decoded as they come: ids are short, and a long value is not worth a slot.</summary>
    public const int MaxLength = 128;

    internal const int Slots = 1 << 16;

    private static readonly string?[] Table = new string?[Slots];

    /// <summary>The string value <paramref name="reader"/> is on, as <see cref="Utf8JsonReader.GetString"/> gives it
    /// (the same exceptions too): through the table when its bytes are the value's own (not escaped, in one segment) and
    /// ASCII.</summary>
    public static string? FromReader(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped || reader.HasValueSequence) return reader.GetString();
        var utf8 = reader.ValueSpan;
        return utf8.Length <= MaxLength && Ascii.IsValid(utf8) ? FromAscii(utf8) : reader.GetString();
    }

    /// <summary>The string of <paramref name="ascii"/> (ASCII bytes only): the instance in the table when it holds this
    /// value.</summary>
    internal static string FromAscii(ReadOnlySpan<byte> ascii)
    {
        if (ascii.IsEmpty) return string.Empty;
        var hash = new HashCode();
        hash.AddBytes(ascii);
        ref var slot = ref Table[hash.ToHashCode() & (Slots - 1)];
        var held = Volatile.Read(ref slot);
        if (held is not null && held.Length == ascii.Length && Ascii.Equals(ascii, held)) return held;
        var decoded = Encoding.ASCII.GetString(ascii);
        Volatile.Write(ref slot, decoded);
        return decoded;
    }
}
