using System.Net;

namespace FlashSale.LoadTest;

public enum Popularity { Hot, Uniform, Zipf }

/// <summary>What one load test does: where the API is, the items it lists, and the crowd it sends at them.</summary>
public sealed record LoadTestOptions
{
    public const int MaxOrders = 1_000_000;
    public const int MaxConcurrency = 4096;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    public required Uri Url { get; init; }
    public required string OperatorKey { get; init; }
    public string? CallbackSecret { get; init; }
    public bool AllowRemote { get; init; }

    public int Items { get; init; } = 1;
    public int Stock { get; init; } = 100;
    public int PerUserLimit { get; init; } = 2;

    /// <summary>Order attempts (repeats included); the run also stops at <see cref="Duration"/> or <see cref="MaxDuration"/>.</summary>
    public int? Orders { get; init; }
    public TimeSpan? Duration { get; init; }
    public int Concurrency { get; init; } = 64;
    public int Users { get; init; } = 10_000;
    public Popularity Popularity { get; init; } = Popularity.Hot;
    public double ZipfS { get; init; } = 1.1;
    public double RepeatShare { get; init; } = 0.05;
    public double ConfirmRate { get; init; }

    /// <summary>At most this many accepted orders are read back from order status (the newest are not preferred).</summary>
    public int VerifyOrders { get; init; } = 1000;
    public int Seed { get; init; } = 42;

    public int EffectiveOrders => Orders ?? (Duration is null ? 2000 : MaxOrders);

    public TimeSpan EffectiveDuration => Duration ?? MaxDuration;

    public IEnumerable<string> Problems()
    {
        if (!AllowRemote && !IsLoopback(Url))
            yield return $"--url {Url} is not a loopback address: a load test sends thousands of orders; pass --allow-remote to aim it at another host.";
        if (Url.Scheme is not ("http" or "https")) yield return $"--url {Url} must be http:// or https://.";
        if (string.IsNullOrWhiteSpace(OperatorKey)) yield return "the operator key is required (--operator-key or FLASHSALE_OPERATOR_KEY) to list the items.";
        if (Items is < 1 or > 10_000) yield return $"--items {Items}: 1 to 10000.";
        if (Stock is < 0 or > 100_000_000) yield return $"--stock {Stock}: 0 to 100000000.";
        if (PerUserLimit < 1) yield return $"--per-user-limit {PerUserLimit}: at least 1.";
        if (Orders is < 1 or > MaxOrders) yield return $"--orders {Orders}: 1 to {MaxOrders}.";
        if (Duration is { } d && (d <= TimeSpan.Zero || d > MaxDuration)) yield return $"--duration {d}: above 0, at most {MaxDuration.TotalMinutes} minutes.";
        if (Concurrency is < 1 or > MaxConcurrency) yield return $"--concurrency {Concurrency}: 1 to {MaxConcurrency}.";
        if (Users < 1) yield return $"--users {Users}: at least 1.";
        if (ZipfS <= 0) yield return $"--zipf-s {ZipfS}: above 0.";
        if (RepeatShare is < 0 or >= 1) yield return $"--repeat-share {RepeatShare}: from 0 to below 1.";
        if (ConfirmRate is < 0 or > 1) yield return $"--confirm-rate {ConfirmRate}: from 0 to 1.";
        if (ConfirmRate > 0 && string.IsNullOrEmpty(CallbackSecret))
            yield return "--confirm-rate above 0 needs the payment callback secret (--callback-secret or FLASHSALE_CALLBACK_SECRET).";
        if (VerifyOrders < 0) yield return $"--verify-orders {VerifyOrders}: 0 or more.";
    }

    public static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
