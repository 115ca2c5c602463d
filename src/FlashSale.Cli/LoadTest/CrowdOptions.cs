using System.CommandLine;
using System.Globalization;
using FlashSale.LoadTest;

namespace FlashSale.Cli.LoadTest;

/// <summary>The options of <c>loadtest</c> (and the target options <c>demo</c> shares), with their defaults.</summary>
public sealed class CrowdOptions
{
    public Option<string?> Url { get; } = new("--url") { Description = "A running API (loopback only unless --allow-remote). Without it an API is hosted in this process on a temporary data directory.", HelpName = "url" };
    public Option<string?> OperatorKey { get; } = new("--operator-key") { Description = "The API's operator key (default: FLASHSALE_OPERATOR_KEY, then Operators:ApiKey of the configuration).", HelpName = "key" };
    public Option<string?> CallbackSecret { get; } = new("--callback-secret") { Description = "Payments:CallbackSecret, to confirm reservations with signed callbacks (default: FLASHSALE_CALLBACK_SECRET, then the configuration).", HelpName = "secret" };
    public Option<bool> AllowRemote { get; } = new("--allow-remote") { Description = "Allow a --url whose host is not loopback." };
    public Option<int> Items { get; } = new("--items") { Description = "Items the run lists for itself.", DefaultValueFactory = _ => 1 };
    public Option<int> Stock { get; } = new("--stock") { Description = "Stock of each item.", DefaultValueFactory = _ => 100 };
    public Option<int> PerUserLimit { get; } = new("--per-user-limit") { Description = "Units one user may hold of an item.", DefaultValueFactory = _ => 2 };
    public Option<int?> Orders { get; } = new("--orders") { Description = $"Order attempts, repeats included (default 2000 without --duration; at most {LoadTestOptions.MaxOrders:N0})." };
    public Option<string?> Duration { get; } = new("--duration") { Description = "How long to send orders: 30, 30s, 2m (at most 10 minutes).", HelpName = "time" };
    public Option<int> Concurrency { get; } = new("--concurrency") { Description = "Connections (buyers in flight at once).", DefaultValueFactory = _ => 64 };
    public Option<int> Users { get; } = new("--users") { Description = "Distinct buyers.", DefaultValueFactory = _ => 10_000 };
    public Option<Popularity> Popularity { get; } = new("--popularity") { Description = "hot (9 in 10 orders for the first item), uniform, or zipf.", DefaultValueFactory = _ => FlashSale.LoadTest.Popularity.Hot };
    public Option<double> ZipfS { get; } = new("--zipf-s") { Description = "Zipf exponent: the k-th item weighs 1/k^s.", DefaultValueFactory = _ => 1.1 };
    public Option<double> RepeatShare { get; } = new("--repeat-share") { Description = "Share of attempts that repeat an answered order id (client retries).", DefaultValueFactory = _ => 0.05 };
    public Option<double?> ConfirmRate { get; } = new("--confirm-rate") { Description = "Share of reservations confirmed by a signed callback (default 0.5 with a callback secret, else 0)." };
    public Option<int> VerifyOrders { get; } = new("--verify-orders") { Description = "Accepted orders read back from order status (an even sample).", DefaultValueFactory = _ => 1000 };
    public Option<string?> Report { get; } = new("--report") { Description = "Also write a one-page HTML report (charts inline) to this file.", HelpName = "file.html" };
    public Option<int> Seed { get; } = new("--seed") { Description = "Seed of the buyers' choices.", DefaultValueFactory = _ => 42 };

    public IEnumerable<Option> Target => [Url, OperatorKey, CallbackSecret, AllowRemote, Report];

    public IEnumerable<Option> All => [.. Target, Items, Stock, PerUserLimit, Orders, Duration, Concurrency, Users, Popularity, ZipfS,
        RepeatShare, ConfirmRate, VerifyOrders, Seed];

    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var (number, unit) = text.EndsWith('m') ? (text[..^1], 60.0) : text.EndsWith('s') ? (text[..^1], 1.0) : (text, 1.0);
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? TimeSpan.FromSeconds(value * unit)
            : throw new CliException(ExitCodes.Usage, $"--duration '{text}' is not a duration: use 30, 30s or 2m.");
    }
}
