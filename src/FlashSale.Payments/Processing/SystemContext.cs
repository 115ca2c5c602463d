using FlashSale.Application.CommandPath;

namespace FlashSale.Payments.Processing;

internal static class SystemContext
{
    /// <summary>What the payments worker does for a reservation is part of the reservation's conversation: its events
    /// keep the correlation id the order was placed with, so one id traces request, payment and read model.</summary>
    public static CommandContext For(string actor, Reservation reservation)
    {
        var context = CommandContext.System(actor) with { CausationId = reservation.OrderId };
        return reservation.CorrelationId is { } correlationId ? context with { CorrelationId = correlationId } : context;
    }
}
