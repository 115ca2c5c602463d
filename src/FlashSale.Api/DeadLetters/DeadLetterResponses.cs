using FlashSale.Application.DeadLetters;

namespace FlashSale.Api.DeadLetters;

/// <summary>What an operator's retry or discard recorded (see <see cref="DeadLetterReceipt"/>).</summary>
public sealed record DeadLetterDecision(
    string OrderId,
    string ItemId,
    string Outcome,
    string? Reason,
    DateTimeOffset? ReservedUntil,
    int Retry,
    bool Repeated,
    string Position)
{
    public static DeadLetterDecision From(DeadLetterReceipt r) =>
        new(r.OrderId, r.ItemId, r.Outcome, r.Reason, r.ReservedUntil, r.Retry, r.Repeated, r.Position.ToToken());
}
