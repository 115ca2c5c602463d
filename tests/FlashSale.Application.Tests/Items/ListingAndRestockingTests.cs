using FlashSale.Application.CommandPath;
using FlashSale.Application.Items;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FluentValidation;

namespace FlashSale.Application.Tests.Items;

public sealed class ListingAndRestockingTests : IAsyncLifetime
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
    public async Task listing_an_item_twice_is_refused_and_appends_nothing()
    {
        var listed = await _app.ListItemAsync("item", stock: 7);

        var error = await Should.ThrowAsync<DomainException>(() => _app.ListItemAsync("item", stock: 9));

        listed.Available.ShouldBe(7);
        error.Code.ShouldBe(DomainErrors.ItemAlreadyListed);
        (await _app.ReadLogAsync("item")).Entries.ShouldHaveSingleItem().Event.ShouldBeOfType<SaleItemListed>().Stock.ShouldBe(7);
    }

    [Fact]
    public async Task restocking_makes_a_sold_out_item_sellable_again()
    {
        await _app.ListItemAsync("item", stock: 1, perUserLimit: 1);
        (await _app.PlaceOrderAsync("o1", "item", "alice")).Reserved.ShouldBeTrue();
        (await _app.PlaceOrderAsync("o2", "item", "bob")).RejectionReason.ShouldBe(RejectionReasons.SoldOut);

        var restocked = await _app.Mediator.Send(new RestockItemRequest("item", 5, "late delivery", CommandContext.System("operator")));
        var afterRestock = await _app.PlaceOrderAsync("o3", "item", "bob");

        restocked.Available.ShouldBe(5);
        afterRestock.Reserved.ShouldBeTrue();
        var log = await _app.ReadLogAsync("item");
        log.OfType<ItemRestocked>().ShouldHaveSingleItem().ShouldBe(new ItemRestocked("item", 5, "late delivery", _clock.GetUtcNow()));
        log.ReplayCheckingStock().ShouldBe(2);
        log.State.Available.ShouldBe(4);
    }

    [Fact]
    public async Task an_invalid_listing_lists_each_field_by_its_json_name()
    {
        var error = await Should.ThrowAsync<ValidationException>(async () => await _app.Mediator.Send(
            new ListItemRequest("", null, -1, 0, _clock.GetUtcNow(), _clock.GetUtcNow(), 0, CommandContext.System("operator"))));

        error.Errors.Select(e => e.PropertyName).Distinct()
            .ShouldBe(["itemId", "name", "stock", "perUserLimit", "saleEndsAt", "paymentWindowSeconds"], ignoreOrder: true);
        (await _app.Store.ReadHeadPositionAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task the_sale_window_is_judged_by_the_injected_clock()
    {
        var now = _clock.GetUtcNow();
        await _app.ListItemAsync("item", stock: 5, saleStartsAt: now.AddMinutes(10), saleEndsAt: now.AddMinutes(20));

        var early = await _app.PlaceOrderAsync("early", "item", "alice");
        _clock.Advance(TimeSpan.FromMinutes(10));
        var onTime = await _app.PlaceOrderAsync("on-time", "item", "alice");
        _clock.Advance(TimeSpan.FromMinutes(10));
        var late = await _app.PlaceOrderAsync("late", "item", "alice");

        early.RejectionReason.ShouldBe(RejectionReasons.SaleNotActive);
        onTime.Reserved.ShouldBeTrue();
        onTime.ReservedUntil.ShouldBe(now.AddMinutes(10).AddSeconds(600));
        late.RejectionReason.ShouldBe(RejectionReasons.SaleNotActive);
    }

    [Fact]
    public async Task restocking_beyond_what_an_item_can_count_is_refused_instead_of_wrapping_around()
    {
        await _app.ListItemAsync("item", stock: ListItemValidator.MaxStock);
        var context = CommandContext.System("operator");
        await _app.Mediator.Send(new RestockItemRequest("item", ListItemValidator.MaxStock, "more", context));

        // A third billion does not fit the item's int counters: it must be refused, not wrap to a negative stock.
        await Should.ThrowAsync<DomainException>(async () =>
            await _app.Mediator.Send(new RestockItemRequest("item", ListItemValidator.MaxStock, "even more", context)));

        var log = await _app.ReadLogAsync("item");
        log.Entries.Count.ShouldBe(2);
        log.State.Available.ShouldBe(2 * ListItemValidator.MaxStock);
    }
}
