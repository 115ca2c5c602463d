using System.Globalization;
using System.Text.RegularExpressions;

namespace FlashSale.ReadModels.Audit;

/// <summary>
/// The one way a moment is written in the audit's input (HTTP <c>asOfTime</c>, the CLI's <c>--time</c>): ISO-8601 date
/// and time, <c>2026-11-23T15:00:00Z</c>, seconds and a fraction optional, an offset (<c>Z</c>, <c>+01:00</c>) optional
/// (UTC without one). Nothing else, so that <c>11/12/2026</c> never means a different day to different people.
/// </summary>
public static partial class IsoTime
{
    public const string Rule = "an ISO-8601 date and time such as '2026-11-23T15:00:00Z' (seconds, a fraction and an offset " +
        "such as '+01:00' are optional; in a URL a '+' is written '%2B')";

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        return text is not null && Shape().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
