using FlashSale.Application.CommandPath;
using FlashSale.EventStore;

namespace FlashSale.Application.Tests.CommandPath;

/// <summary>The compact order positions (ADR 0033) answer every field as the four nullable positions did.</summary>
public sealed class OrderPositionsTests
{
    private static readonly LogPosition A = new(10, 9), B = new(20, 20), C = new(30, 29), D = new(40, 40);

    [Fact]
    public void each_field_set_alone_or_together_reads_back_and_the_others_stay_unset()
    {
        var none = default(OrderPositions);
        (none.Placement, none.Settlement, none.Discard, none.Retry).ShouldBe((null, null, null, null));

        var all = new OrderPositions(A, B, C, D);
        (all.Placement, all.Settlement, all.Discard, all.Retry).ShouldBe((A, B, C, D));
        (none with { Placement = A }).ShouldBe(new OrderPositions(A, null));
        (none with { Settlement = B }).ShouldBe(new OrderPositions(null, B));
        (none with { Discard = C }).ShouldBe(new OrderPositions(null, null, Discard: C));
        (none with { Retry = D }).ShouldBe(new OrderPositions(null, null, Retry: D));
        (none with { Placement = A } with { Settlement = B } with { Discard = C } with { Retry = D }).ShouldBe(all);
        (all with { Retry = null } with { Discard = null }).ShouldBe(new OrderPositions(A, B));
        (all with { Placement = null, Settlement = null }).ShouldBe(new OrderPositions(null, null, C, D));
        var (placement, settlement, discard, retry) = all;
        (placement, settlement, discard, retry).ShouldBe((A, B, C, D));
    }

    [Fact]
    public void a_start_position_is_a_position_not_an_absent_one()
    {
        var atStart = new OrderPositions(LogPosition.Start, LogPosition.Start);

        atStart.Placement.ShouldBe(LogPosition.Start);
        atStart.Settlement.ShouldBe(LogPosition.Start);
        atStart.ShouldNotBe(default);
    }
}
