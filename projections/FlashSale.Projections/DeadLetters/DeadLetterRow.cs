namespace FlashSale.Projections.DeadLetters;

/// <summary>
/// An order that failed and needs an operator. <see cref="Reason"/> is the latest failure: the payment timeout cause
/// (<c>gateway_timeout</c>, <c>deadline_passed</c>) or why a retry could not reserve again (<c>sold_out</c>,
/// <c>per_user_limit</c>). <see cref="Attempts"/> counts failures; <see cref="Retries"/> operator retries.
/// </summary>
public sealed record DeadLetterRow(
    string OrderId,
    string ItemId,
    string State,
    string Reason,
    int Attempts,
    int Retries,
    DateTimeOffset FirstFailedAt,
    DateTimeOffset LastFailedAt,
    DateTimeOffset? LastRetriedAt,
    DateTimeOffset? DiscardedAt,
    string? DiscardReason,
    string? LastActor,
    string LastPosition);

public static class DeadLetterStates
{
    public const string Open = "open";
    public const string Retried = "retried";
    public const string Discarded = "discarded";

    public static readonly IReadOnlyList<string> All = [Open, Retried, Discarded];
}
