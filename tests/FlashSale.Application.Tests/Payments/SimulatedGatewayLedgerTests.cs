using FlashSale.Payments;

namespace FlashSale.Application.Tests.Payments;

public sealed class SimulatedGatewayLedgerTests
{
    private static readonly PaymentRequest[] Requests = [.. Enumerable.Range(0, 1_000).Select(i => new PaymentRequest("item", $"order-{i}", "user", 1))];

    [Fact]
    public async Task a_repeated_charge_under_one_key_answers_the_first_result_and_moves_money_once()
    {
        var gateway = new SimulatedPaymentGateway(new PaymentsOptions { TimeoutRate = 0, GatewayLatencyMs = 0 });

        var first = await gateway.ChargeAsync(Requests[0], CancellationToken.None);
        var again = await gateway.ChargeAsync(Requests[0], CancellationToken.None);

        again.ShouldBe(first);
        gateway.MoneyMoved.ShouldBe(1);
        (await gateway.QueryAsync(Requests[0], CancellationToken.None)).ShouldBe(new PaymentStatus.Charged(((PaymentAttempt.Confirmed)first).PaymentReference));
    }

    [Fact]
    public async Task of_the_timed_out_charges_a_share_went_through_the_same_ones_under_the_same_seed()
    {
        var options = new PaymentsOptions { Seed = 3, TimeoutRate = 1, TimedOutChargedRate = 0.3, GatewayLatencyMs = 0 };

        var first = await ChargeThenAsk(new SimulatedPaymentGateway(options));
        var second = await ChargeThenAsk(new SimulatedPaymentGateway(options));

        first.ShouldBe(second);
        first.Count(s => s is PaymentStatus.Charged).ShouldBeInRange(230, 370);
    }

    [Fact]
    public async Task a_key_never_charged_is_not_charged_and_a_timed_out_charge_at_the_default_rate_moved_no_money()
    {
        var gateway = new SimulatedPaymentGateway(new PaymentsOptions { TimeoutRate = 1, GatewayLatencyMs = 0 });

        (await gateway.QueryAsync(Requests[1], CancellationToken.None)).ShouldBeOfType<PaymentStatus.NotCharged>();
        (await gateway.ChargeAsync(Requests[1], CancellationToken.None)).ShouldBeOfType<PaymentAttempt.TimedOut>();
        (await gateway.QueryAsync(Requests[1], CancellationToken.None)).ShouldBeOfType<PaymentStatus.NotCharged>();
        gateway.MoneyMoved.ShouldBe(0);
    }

    [Fact]
    public void the_idempotency_key_tells_items_orders_and_retries_apart()
    {
        new[]
        {
            new PaymentRequest("a:b", "c", "u", 1).IdempotencyKey,
            new PaymentRequest("a", "b:c", "u", 1).IdempotencyKey,
            new PaymentRequest("a", "b", "u", 1).IdempotencyKey,
            new PaymentRequest("a", "b", "u", 1, Retry: 1).IdempotencyKey,
            new PaymentRequest("b", "a", "u", 1).IdempotencyKey,
        }.Distinct().Count().ShouldBe(5);
    }

    private static async Task<PaymentStatus[]> ChargeThenAsk(SimulatedPaymentGateway gateway)
    {
        var statuses = new PaymentStatus[Requests.Length];
        for (var i = 0; i < Requests.Length; i++)
        {
            (await gateway.ChargeAsync(Requests[i], CancellationToken.None)).ShouldBeOfType<PaymentAttempt.TimedOut>();
            statuses[i] = await gateway.QueryAsync(Requests[i], CancellationToken.None);
        }
        return statuses;
    }
}
