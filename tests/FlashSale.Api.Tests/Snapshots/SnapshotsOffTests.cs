using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Snapshots;

/// <summary><c>CommandPath:SnapshotEvery=0</c>: the snapshot store is never opened, so the embedded store leaves no
/// <c>snapshots.db</c> in the data directory.</summary>
public sealed class SnapshotsOffTests
{
    [Fact]
    public async Task with_snapshots_off_the_embedded_store_opens_no_snapshots_file()
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?> { ["CommandPath:SnapshotEvery"] = "0" });
        var itemId = Ids.New("off");

        (await api.ListItemAsync(itemId, stock: 5)).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PlaceOrderAsync("order-1", itemId, "buyer-1")).Status.ShouldBe(HttpStatusCode.Created);

        File.Exists(Path.Combine(api.DataDirectory, "events.db")).ShouldBeTrue();
        File.Exists(Path.Combine(api.DataDirectory, "snapshots.db")).ShouldBeFalse();
    }

    [Fact]
    public async Task with_snapshots_on_the_embedded_store_keeps_them_in_snapshots_db()
    {
        using var api = new FlashSaleApiFactory(new Dictionary<string, string?> { ["CommandPath:SnapshotEvery"] = "1000" });
        var itemId = Ids.New("on");

        (await api.ListItemAsync(itemId, stock: 5)).Status.ShouldBe(HttpStatusCode.Created);
        (await api.PlaceOrderAsync("order-1", itemId, "buyer-1")).Status.ShouldBe(HttpStatusCode.Created);

        File.Exists(Path.Combine(api.DataDirectory, "snapshots.db")).ShouldBeTrue();
    }
}
