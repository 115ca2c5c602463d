using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;

namespace FlashSale.Application.Tests.Items;

public sealed class SaleWindowTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private WriteSide _app = null!;

    public async Task InitializeAsync() => _app = await WriteSide.StartAsync(_database.Path, _clock);

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task listing_an_item_whose_sale_has_already_ended_is_refused_and_appends_nothing()
    {
        var now = _clock.GetUtcNow();

        var error = await Should.ThrowAsync<DomainException>(() =>
            _app.ListItemAsync("item", stock: 5, saleStartsAt: now.AddHours(-2), saleEndsAt: now.AddMinutes(-1)));

        error.Code.ShouldBe(DomainErrors.SaleAlreadyEnded);
        (await _app.Store.ReadHeadPositionAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task a_sale_not_active_rejection_says_whether_the_sale_had_not_started_or_had_ended_and_when_and_a_repeat_says_the_same()
    {
        var now = _clock.GetUtcNow();
        var (startsAt, endsAt) = (now.AddMinutes(10), now.AddMinutes(20));
        await _app.ListItemAsync("item", stock: 5, saleStartsAt: startsAt, saleEndsAt: endsAt);

        var early = await _app.PlaceOrderAsync("early", "item", "alice");
        _clock.Advance(TimeSpan.FromMinutes(30));
        var late = await _app.PlaceOrderAsync("late", "item", "bob");
        var earlyAgain = await _app.PlaceOrderAsync("early", "item", "alice");

        (early.RejectionReason, early.SaleClosed).ShouldBe((RejectionReasons.SaleNotActive, new SaleClosed(Ended: false, startsAt)));
        (late.RejectionReason, late.SaleClosed).ShouldBe((RejectionReasons.SaleNotActive, new SaleClosed(Ended: true, endsAt)));
        earlyAgain.ShouldBe(early with { Repeated = true }, "the repeat comes after the sale ended, yet answers as the first time");
    }
}
