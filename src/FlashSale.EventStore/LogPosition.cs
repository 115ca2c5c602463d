using System.Globalization;

namespace FlashSale.EventStore;

/// <summary>
/// A position in the global log (<c>$all</c>). Commit/prepare pairs follow EventStoreDB; stores with a single
/// gap-free sequence use the same number for both. Clients only ever see it as an opaque token.
/// </summary>
public readonly record struct LogPosition(ulong Commit, ulong Prepare) : IComparable<LogPosition>
{
    public static LogPosition Start { get; } = new(0, 0);

    public static LogPosition At(ulong sequence) => new(sequence, sequence);

    public int CompareTo(LogPosition other) =>
        Commit != other.Commit ? Commit.CompareTo(other.Commit) : Prepare.CompareTo(other.Prepare);

    public static bool operator <(LogPosition a, LogPosition b) => a.CompareTo(b) < 0;
    public static bool operator >(LogPosition a, LogPosition b) => a.CompareTo(b) > 0;
    public static bool operator <=(LogPosition a, LogPosition b) => a.CompareTo(b) <= 0;
    public static bool operator >=(LogPosition a, LogPosition b) => a.CompareTo(b) >= 0;

    public string ToToken() => Commit == Prepare
        ? Commit.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{Commit}-{Prepare}");

    public static bool TryParseToken(string? token, out LogPosition position)
    {
        position = default;
        if (string.IsNullOrEmpty(token)) return false;
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0)
        {
            if (!ulong.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var single)) return false;
            position = At(single);
            return true;
        }
        if (!ulong.TryParse(token.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var commit) ||
            !ulong.TryParse(token.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var prepare))
            return false;
        position = new LogPosition(commit, prepare);
        return true;
    }

    public override string ToString() => ToToken();
}
