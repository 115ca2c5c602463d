using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain;
using FluentValidation;

namespace FlashSale.Application.Tests.Orders;

public sealed class RejectedOrdersTests : IAsyncLifetime
{
    private readonly TempDatabase _database = new();
    private WriteSide _app = null!;

    public async Task InitializeAsync()
    {
        _app = await WriteSide.StartAsync(_database.Path);
        await _app.ListItemAsync("listed", stock: 10, perUserLimit: 3);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task an_order_for_an_unknown_item_is_not_found_and_creates_no_writer()
    {
        var error = await Should.ThrowAsync<DomainException>(() => _app.PlaceOrderAsync("order", "no-such-item", "alice"));

        error.Code.ShouldBe(DomainErrors.ItemNotFound);
        _app.CommandPath.ActiveWriters.ShouldNotContain(w => w.ItemId == "no-such-item");
        (await _app.ReadLogAsync("no-such-item")).Entries.ShouldBeEmpty();
        await ShouldHaveAppendedNothingAfterListing();
    }

    [Fact]
    public async Task an_order_with_every_field_invalid_lists_each_field_by_its_json_name()
    {
        var error = await Should.ThrowAsync<ValidationException>(async () =>
            await _app.Mediator.Send(new PlaceOrderRequest("", "", " padded ", 0, CommandContext.System("test"))));

        error.Errors.Select(e => e.PropertyName).ShouldBe(["orderId", "itemId", "userId", "quantity"], ignoreOrder: true);
        error.Errors.Single(e => e.PropertyName == "orderId").ErrorMessage.ShouldBe("'orderId' is required.");
        error.Errors.Single(e => e.PropertyName == "quantity").ErrorMessage.ShouldContain("at least 1");
        await ShouldHaveAppendedNothingAfterListing();
    }

    [Fact]
    public async Task an_order_without_a_quantity_is_invalid_and_appends_nothing()
    {
        var error = await Should.ThrowAsync<ValidationException>(() => _app.PlaceOrderAsync("order", "listed", "alice", quantity: null));

        error.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("quantity");
        error.Errors.Single().ErrorMessage.ShouldBe("'quantity' is required.");
        await ShouldHaveAppendedNothingAfterListing();
    }

    [Theory]
    [InlineData("order\u0000id")]
    [InlineData("order\nid")]
    [InlineData("\u200Border")]
    public async Task an_order_id_with_control_or_invisible_characters_is_invalid(string orderId)
    {
        var error = await Should.ThrowAsync<ValidationException>(() => _app.PlaceOrderAsync(orderId, "listed", "alice"));

        error.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("orderId");
        await ShouldHaveAppendedNothingAfterListing();
    }

    [Fact]
    public async Task an_order_id_longer_than_128_characters_is_invalid()
    {
        var error = await Should.ThrowAsync<ValidationException>(() => _app.PlaceOrderAsync(new string('x', 129), "listed", "alice"));

        error.Errors.ShouldHaveSingleItem().PropertyName.ShouldBe("orderId");
        await ShouldHaveAppendedNothingAfterListing();
    }

    [Theory]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    public async Task a_quantity_above_the_per_user_limit_is_refused_and_appends_nothing(int quantity)
    {
        var error = await Should.ThrowAsync<DomainException>(() => _app.PlaceOrderAsync("order", "listed", "alice", quantity));

        error.Code.ShouldBe(DomainErrors.QuantityAbovePerUserLimit);
        await ShouldHaveAppendedNothingAfterListing();
    }

    [Fact]
    public async Task an_order_id_reused_for_a_different_order_is_refused()
    {
        await _app.PlaceOrderAsync("order", "listed", "alice");

        var error = await Should.ThrowAsync<DomainException>(() => _app.PlaceOrderAsync("order", "listed", "bob"));

        error.Code.ShouldBe(DomainErrors.OrderIdReused);
        (await _app.ReadLogAsync("listed")).Entries.Count.ShouldBe(3);
    }

    private async Task ShouldHaveAppendedNothingAfterListing()
    {
        (await _app.Store.ReadHeadPositionAsync())!.Value.Commit.ShouldBe(1UL);
        (await _app.ReadLogAsync("listed")).Entries.Count.ShouldBe(1);
    }
}
