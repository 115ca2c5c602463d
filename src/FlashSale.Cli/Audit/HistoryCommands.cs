using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Ids;
using FlashSale.Cli.Output;
using FlashSale.Cli.Paging;
using FlashSale.Contracts;
using FlashSale.EventStore;
using FlashSale.Projections.Inventory;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Cli.Audit;

/// <summary>An item's or an order's states over time, computed from the log alone (never from a read model).</summary>
public static class HistoryCommands
{
    private static readonly StateColumns<InventoryRow> InventoryColumns = new(
        ["available", "reserved", "sold", "released", "restocked", "rejected"],
        (o, s) => [o.Number(s.Available), o.Number(s.Reserved), o.Number(s.Sold), o.Number(s.Released), o.Number(s.Restocked), o.Number(s.RejectedOrders)]);

    private static readonly StateColumns<OrderStatusRow> OrderColumns = new(
        ["status", "reason", "retries"], (o, s) => [s.Status, s.Reason, o.Number(s.Retries)]);

    public static Command CreateHistory(CliContext cli) =>
        new("history", "Every event of an item or an order, with the state right after it, a page at a time (--limit, --offset).")
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
        var id = new Argument<string>($"{kind}Id") { Description = $"The {kind}'s id." }.Id();
        var command = new Command(kind, description) { id };
        var point = new AsOfOptions();
        point.AddTo(command, required: asOf);
        var page = PageOptions.Streamed(defaultLimit: 1000, "steps");
        if (!asOf) page.AddTo(command);
        var item = new Option<string?>("--item")
        {
            Description = "The order's item: needed only when the order id is an order on several items.", HelpName = "itemId",
        }.Id();
        if (kind == "order") command.Options.Add(item);
        cli.Run(command, async (session, parsed, ct) =>
        {
            var (itemId, at) = (parsed.GetValue(item), point.Read(parsed));
            if (!asOf)
            {
                if (kind == "item") await ItemHistoryAsync(session, parsed.GetValue(id)!, at, page.Read(parsed), ct);
                else await OrderHistoryAsync(session, parsed.GetValue(id)!, itemId, at, page.Read(parsed), ct);
                return ExitCodes.Ok;
            }
            var view = new HistoryView(session.Output, kind, parsed.GetValue(id)!, at);
            if (kind == "item") view.Write(await ItemAsync(session, view, ct), s => Describe(session.Output, InventoryColumns, s));
            else view.Write(await OrderAsync(session, view.Id, itemId, at, ct), s => Describe(session.Output, OrderColumns, s));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static async Task ItemHistoryAsync(CliSession session, string itemId, AsOf at, Page page, CancellationToken ct)
    {
        if (!await session.Get<IEventStore>().ReadStreamAsync(ItemStreams.For(itemId), 0, 1, ct).AnyAsync(ct))
            throw CliException.NotFound($"Item '{itemId}' is not known: the log has no events for it.");
        var steps = session.Get<HistoryQuery>().ItemStepsAsync(itemId, at, ct);
        await new HistoryPage<InventoryRow>(session.Output, "item", itemId, at, page, InventoryColumns).WriteAsync(steps, ct);
    }

    private static async Task OrderHistoryAsync(CliSession session, string orderId, string? itemId, AsOf at, Page page, CancellationToken ct)
    {
        await session.ReadModelAsync(OrderStatusProjection.ProjectionName, ct); // to find the order's item
        var history = session.Get<HistoryQuery>();
        var steps = await history.OrderStepsAsync(orderId, itemId, at, ct) ?? throw UnknownOrder(orderId, itemId);
        // No step as of the point: an order that did not exist yet shows an empty page, one without any event is unknown.
        var found = await Peeked.NonEmptyAsync(steps, ct);
        if (found is null && (at == AsOf.Now || !await HasStepsAsync(history, orderId, itemId, ct))) throw UnknownOrder(orderId, itemId);
        await new HistoryPage<OrderStatusRow>(session.Output, "order", orderId, at, page, OrderColumns)
            .WriteAsync(found ?? AsyncEnumerable.Empty<HistoryStep<OrderStatusRow>>(), ct);
    }

    private static async Task<bool> HasStepsAsync(HistoryQuery history, string orderId, string? itemId, CancellationToken ct) =>
        await history.OrderStepsAsync(orderId, itemId, AsOf.Now, ct) is { } all && await all.AnyAsync(ct);

    private static async Task<IReadOnlyList<HistoryStep<InventoryRow>>> ItemAsync(CliSession session, HistoryView view, CancellationToken ct)
    {
        var history = session.Get<HistoryQuery>();
        var steps = await history.ItemAsync(view.Id, view.Point, ct);
        if (steps.Count == 0 && (await history.ItemAsync(view.Id, AsOf.Now, ct)).Count == 0)
            throw CliException.NotFound($"Item '{view.Id}' is not known: the log has no events for it.");
        return steps;
    }

    private static async Task<IReadOnlyList<HistoryStep<OrderStatusRow>>> OrderAsync(CliSession session, string orderId, string? itemId, AsOf at,
        CancellationToken ct)
    {
        await session.ReadModelAsync(OrderStatusProjection.ProjectionName, ct); // to find the order's item
        return await session.Get<HistoryQuery>().OrderAsync(orderId, itemId, at, ct) ?? throw UnknownOrder(orderId, itemId);
    }

    private static CliException UnknownOrder(string orderId, string? itemId) =>
        CliException.NotFound(itemId is null ? $"Order '{orderId}' is not known." : $"Order '{orderId}' is not known on item '{itemId}'.");

    private static (string, string?)[] Describe<TRow>(CommandOutput output, StateColumns<TRow> columns, TRow? state) where TRow : class =>
        state is null ? [] : columns.Names.Zip(columns.Values(output, state), (name, value) => (name, value)).ToArray();
}
