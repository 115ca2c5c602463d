using Microsoft.AspNetCore.Mvc;

namespace FlashSale.Api.Queries;

/// <summary><c>?itemId=</c> on a route that names only an order: which item's order is meant when two items hold an
/// order with that id (without it such a call answers 409 order.ambiguous naming the items).</summary>
public sealed record ItemChoice([FromQuery(Name = "itemId")] string? ItemId)
{
    /// <exception cref="FlashSale.Api.Http.ProblemException">400 for an invalid item id.</exception>
    public string? Checked()
    {
        if (ItemId is not null) QueryInput.CheckId("itemId", ItemId);
        return ItemId;
    }
}
