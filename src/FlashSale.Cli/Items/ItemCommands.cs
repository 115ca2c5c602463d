using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Ids;
using FlashSale.Cli.Output;
using FlashSale.Cli.Paging;
using FlashSale.Projections.Inventory;
using FlashSale.ReadModels.Queries;

namespace FlashSale.Cli.Items;

public static class ItemCommands
{
    public static Command Create(CliContext cli)
    {
        var page = PageOptions.List("items");
        var list = new Command("list", "Every item's inventory, by item id, a page at a time (--limit, --offset).");
        page.AddTo(list);
        cli.Run(list, (session, parsed, ct) => ListAsync(session, page.Read(parsed), ct));

        var itemId = new Argument<string>("itemId") { Description = "The item's id." }.Id();
        var show = new Command("show", "One item's inventory.") { itemId };
        cli.Run(show, (session, parsed, ct) => ShowAsync(session, parsed.GetValue(itemId)!, ct));

        return new Command("items", "Inventory per item (the inventory read model), and repairs of an item's stream.")
        {
            list, show, SkipUnreadableCommand.Create(cli),
        };
    }

    private static async Task<int> ListAsync(CliSession session, Page page, CancellationToken cancellationToken)
    {
        var freshness = await session.ReadModelAsync(InventoryProjection.ProjectionName, cancellationToken);
        // One row more than the page says whether rows were left out after it.
        var read = await session.Get<ReadModelQueries>().ListItemsAsync(page.Limit + 1, page.Offset, cancellationToken);
        var items = read.Take(page.Limit).ToList();
        var more = read.Count > page.Limit;
        if (session.Output.IsJson)
        {
            session.Output.Document(new { readModel = freshness, items, page.Limit, page.Offset, next = page.Next(items.Count, more) });
            return ExitCodes.Ok;
        }
        session.Output.Table("Items", ["item", "name", "available", "reserved", "sold", "released", "rejected", "position"],
            items.Select(i => (IReadOnlyList<string?>)[i.ItemId, i.Name, session.Output.Number(i.Available), session.Output.Number(i.Reserved), session.Output.Number(i.Sold),
                session.Output.Number(i.Released), session.Output.Number(i.RejectedOrders), i.LastPosition]));
        if (page.LeftOut("items", items.Count, more) is { } leftOut) session.Output.Note(leftOut);
        return ExitCodes.Ok;
    }

    private static async Task<int> ShowAsync(CliSession session, string itemId, CancellationToken cancellationToken)
    {
        var freshness = await session.ReadModelAsync(InventoryProjection.ProjectionName, cancellationToken);
        var item = await session.Get<ReadModelQueries>().GetItemAsync(itemId, cancellationToken)
            ?? throw CliException.NotFound($"Item '{itemId}' is not known.");
        if (session.Output.IsJson)
        {
            session.Output.Document(new { readModel = freshness, item });
            return ExitCodes.Ok;
        }
        session.Output.Record($"Item {item.ItemId}",
        [
            ("item", item.ItemId), ("name", item.Name), ("available", session.Output.Number(item.Available)), ("reserved", session.Output.Number(item.Reserved)),
            ("sold", session.Output.Number(item.Sold)), ("released", session.Output.Number(item.Released)), ("restocked", session.Output.Number(item.Restocked)),
            ("initial stock", session.Output.Number(item.InitialStock)), ("rejected orders", session.Output.Number(item.RejectedOrders)),
            ("limit per user", session.Output.Number(item.PerUserLimit)), ("sale starts", Show.Time(item.SaleStartsAt)),
            ("sale ends", Show.Time(item.SaleEndsAt)), ("position", item.LastPosition), ("updated", Show.Time(item.UpdatedAt)),
        ]);
        return ExitCodes.Ok;
    }
}
