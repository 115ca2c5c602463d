using System.Globalization;

namespace FlashSale.Subscriptions.Status;

/// <summary>How far a follower that has not caught up yet has come: what readiness and a refused command report.</summary>
/// <param name="Percent">Share of the log up to <paramref name="Head"/> behind it, by position (null when unknown).</param>
public sealed record CatchUpProgress(string Name, string State, string? Position, string? Head, long EventsHandled, double? Percent)
{
    public static CatchUpProgress From(FollowerStatus status) => new(status.Name, StateName(status.State),
        status.Position?.ToToken(), status.Head?.ToToken(), status.EventsHandled,
        status.Head is { Commit: > 0 } head ? Math.Round(100.0 * Math.Min(1, (status.Position?.Commit ?? 0) / (double)head.Commit), 1) : null);

    private static string StateName(FollowerState state) => state switch
    {
        FollowerState.CatchingUp => "catching_up",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>One line for people: "order-index catching up: 120,000 events handled, at 480000 of 1000000 (48%)".</summary>
    public static string Of(FollowerStatus status) => From(status).ToString();

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name} {State}: {EventsHandled:N0} events handled, at {Position ?? "start"} of {Head ?? "an empty log"}{(Percent is { } p ? $" ({p}%)" : "")}");
}
