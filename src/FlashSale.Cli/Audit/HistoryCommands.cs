using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Output;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Cli.Audit;

/// <summary>An item's or an order's states over time, computed from the log alone (never from a read model).</summary>
public static class HistoryCommands
{
    public static Command CreateHistory(CliContext cli) =>
        new("history", "Every event of an item or an order, with the state right after it.")
        {
            Create(cli, "item", "An item's events and its inventory after each.", asOf: false),
            Create(cli, "order", "An order's events and its status after each.", asOf: false),
        };

    public static Command CreateAsOf(CliContext cli) =>
        new("asof", "The state of an item or an order at a log position or a moment.")
        {
            Create(cli, "item", "An item's inventory as of --position / --time.", asOf: true),
            Create(cli, "order", "An order's status as of --position / --time.", asOf: true),
        };

    private static Command Create(CliContext cli, string kind, string description, bool asOf)
    {
        var id = new Argument<string>($"{kind}Id") { Description = $"The {kind}'s id." };
        var command = new Command(kind, description) { id };
        var point = new AsOfOptions();
        point.AddTo(command, required: asOf);
        var item = new Option<string?>("--item")
        {
            Description = "The order's item: needed only when the order id is an order on several items.", HelpName = "itemId",
        };
        if (kind == "order") command.Options.Add(item);
        cli.Run(command, async (session, parsed, ct) =>
        {
            var view = new HistoryView(session.Output, kind, parsed.GetValue(id)!, point.Read(parsed), asOf);
            if (kind == "item") view.Write(await ItemAsync(session, view, ct), s => s is null ? [] : Inventory(session.Output, s));
            else view.Write(await OrderAsync(session, view, parsed.GetValue(item), ct), s => s is null ? [] : Order(session.Output, s));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<IReadOnlyList<HistoryStep<InventoryRow>>> ItemAsync(CliSession session, HistoryView view, CancellationToken ct)
    {
        var history = session.Get<HistoryQuery>();
        var steps = await history.ItemAsync(view.Id, view.Point, ct);
        if (steps.Count == 0 && (await history.ItemAsync(view.Id, AsOf.Now, ct)).Count == 0)
            throw CliException.NotFound($"Item '{view.Id}' is not known: the log has no events for it.");
        return steps;
    }

    private static async Task<IReadOnlyList<HistoryStep<OrderStatusRow>>> OrderAsync(CliSession session, HistoryView view, string? itemId,
        CancellationToken ct)
    {
        await session.ReadModelAsync(OrderStatusProjection.ProjectionName, ct); // to find the order's item
        var history = session.Get<HistoryQuery>();
        return await history.OrderAsync(view.Id, itemId, view.Point, ct)
            ?? throw CliException.NotFound(itemId is null ? $"Order '{view.Id}' is not known." : $"Order '{view.Id}' is not known on item '{itemId}'.");
    }

    private static (string, string?)[] Inventory(CommandOutput o, InventoryRow s) =>
    [
        ("available", o.Number(s.Available)), ("reserved", o.Number(s.Reserved)), ("sold", o.Number(s.Sold)),
        ("released", o.Number(s.Released)), ("restocked", o.Number(s.Restocked)), ("rejected", o.Number(s.RejectedOrders)),
    ];

    private static (string, string?)[] Order(CommandOutput o, OrderStatusRow s) =>
        [("status", s.Status), ("reason", s.Reason), ("retries", o.Number(s.Retries))];
}
