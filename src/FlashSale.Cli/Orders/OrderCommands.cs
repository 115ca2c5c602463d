using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Ids;
using FlashSale.Cli.Output;
using FlashSale.Cli.Paging;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Queries;

namespace FlashSale.Cli.Orders;

public static class OrderCommands
{
    public static Command Create(CliContext cli)
    {
        var orderId = new Argument<string>("orderId") { Description = "The order's id (the client's idempotency key)." }.Id();
        var item = new Option<string?>("--item")
        {
            Description = "The order's item: needed only when the order id is an order on several items.", HelpName = "itemId",
        }.Id();
        var show = new Command("show", "One order's status and the time of each transition.") { orderId, item };
        cli.Run(show, (session, parsed, ct) => ShowAsync(session, parsed.GetValue(orderId)!, parsed.GetValue(item), ct));

        var user = new Option<string>("--user") { Description = "The buyer's user id.", Required = true }.Id();
        var page = PageOptions.List("orders");
        var list = new Command("list", "A user's orders, oldest first, a page at a time (--limit, --offset).") { user };
        page.AddTo(list);
        cli.Run(list, (session, parsed, ct) => ListAsync(session, parsed.GetValue(user)!, page.Read(parsed), ct));

        return new Command("orders", "Order status (the order-status read model).") { show, list };
    }

    private static async Task<int> ShowAsync(CliSession session, string orderId, string? itemId, CancellationToken cancellationToken)
    {
        var freshness = await session.ReadModelAsync(OrderStatusProjection.ProjectionName, cancellationToken);
        var order = await session.Get<ReadModelQueries>().GetOrderAsync(orderId, itemId, cancellationToken)
            ?? throw CliException.NotFound(itemId is null ? $"Order '{orderId}' is not known." : $"Order '{orderId}' is not known on item '{itemId}'.");
        if (session.Output.IsJson)
        {
            session.Output.Document(new { readModel = freshness, order });
            return ExitCodes.Ok;
        }
        session.Output.Record($"Order {order.OrderId}",
        [
            ("order", order.OrderId), ("item", order.ItemId), ("user", order.UserId), ("quantity", session.Output.Number(order.Quantity)),
            ("status", order.Status), ("reason", order.Reason), ("placed", Show.Time(order.PlacedAt)), ("reserved", Show.Time(order.ReservedAt)),
            ("reserved until", Show.Time(order.ReservedUntil)), ("rejected", Show.Time(order.RejectedAt)),
            ("confirmed", Show.Time(order.ConfirmedAt)), ("payment reference", order.PaymentReference),
            ("timed out", Show.Time(order.TimedOutAt)), ("discarded", Show.Time(order.DiscardedAt)),
            ("retries", session.Output.Number(order.Retries)), ("position", order.LastPosition), ("updated", Show.Time(order.UpdatedAt)),
        ]);
        return ExitCodes.Ok;
    }

    private static async Task<int> ListAsync(CliSession session, string userId, Page page, CancellationToken cancellationToken)
    {
        var freshness = await session.ReadModelAsync(OrderStatusProjection.ProjectionName, cancellationToken);
        // One row more than the page says whether rows were left out after it.
        var read = await session.Get<ReadModelQueries>().OrdersOfUserAsync(userId, page.Limit + 1, page.Offset, cancellationToken);
        var orders = read.Take(page.Limit).ToList();
        var more = read.Count > page.Limit;
        if (session.Output.IsJson)
        {
            session.Output.Document(new { readModel = freshness, userId, orders, page.Limit, page.Offset, next = page.Next(orders.Count, more) });
            return ExitCodes.Ok;
        }
        session.Output.Table($"Orders of {userId}", ["order", "item", "quantity", "status", "reason", "placed", "retries", "position"],
            orders.Select(o => (IReadOnlyList<string?>)[o.OrderId, o.ItemId, session.Output.Number(o.Quantity), o.Status, o.Reason,
                session.Output.Time(o.PlacedAt), session.Output.Number(o.Retries), o.LastPosition]));
        if (page.LeftOut("orders", orders.Count, more) is { } leftOut) session.Output.Note(leftOut);
        return ExitCodes.Ok;
    }
}
