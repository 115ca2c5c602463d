using System.CommandLine;
using FlashSale.Application.CommandPath;
using FlashSale.Application.DeadLetters;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Ids;
using FlashSale.Cli.Output;
using FlashSale.Cli.Paging;
using FlashSale.Projections.DeadLetters;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Queries;
using Mediator;

namespace FlashSale.Cli.DeadLetters;

/// <summary>The dead-letter queue: failed orders waiting for an operator to retry or discard them.</summary>
public static class DeadLetterCommands
{
    public static Command Create(CliContext cli)
    {
        var state = new Option<string?>("--state") { Description = "Only dead letters in this state." };
        state.AcceptOnlyFromAmong([.. DeadLetterStates.All]);
        var item = new Option<string?>("--item") { Description = "Only dead letters of this item.", HelpName = "itemId" }.Id();
        var page = PageOptions.List("dead letters");
        var list = new Command("list", "Dead letters, oldest failure first, a page at a time (--limit, --offset).") { state, item };
        page.AddTo(list);
        cli.Run(list, (session, parsed, ct) => ListAsync(session, parsed.GetValue(state), parsed.GetValue(item), page.Read(parsed), ct));

        var retryOrder = new Argument<string>("orderId") { Description = "The dead-lettered order." }.Id();
        var retryItem = OrderItemOption();
        var retry = new Command("retry", "Reserve the order's stock again, with a new payment window (or record why not).") { retryOrder, retryItem };
        cli.Run(retry, (session, parsed, ct) => DecideAsync(session, parsed.GetValue(retryOrder)!, parsed.GetValue(retryItem),
            (orderId, itemId, context) => new RetryDeadLetterRequest(orderId, context, itemId), null, ct));

        var discardOrder = new Argument<string>("orderId") { Description = "The dead-lettered order." }.Id();
        var discardItem = OrderItemOption();
        var reason = new Option<string?>("--reason") { Description = "Why the order is given up (kept in the event)." };
        var discard = new Command("discard", "Close the order for good.") { discardOrder, discardItem, reason };
        cli.Run(discard, (session, parsed, ct) => DecideAsync(session, parsed.GetValue(discardOrder)!, parsed.GetValue(discardItem),
            (orderId, itemId, context) => new DiscardDeadLetterRequest(orderId, parsed.GetValue(reason), context, itemId), parsed.GetValue(reason), ct));

        return new Command("dlq", "The dead-letter queue (the dead-letters read model) and the operator's decisions.") { list, retry, discard };
    }

    private static async Task<int> ListAsync(CliSession session, string? state, string? itemId, Page page, CancellationToken cancellationToken)
    {
        var freshness = await session.ReadModelAsync(DeadLetterProjection.ProjectionName, cancellationToken);
        // One row more than the page says whether rows were left out after it.
        var read = await session.Get<ReadModelQueries>().DeadLettersAsync(state, itemId, page.Limit + 1, page.Offset, cancellationToken);
        var deadLetters = read.Take(page.Limit).ToList();
        var more = read.Count > page.Limit;
        if (session.Output.IsJson)
        {
            session.Output.Document(new { readModel = freshness, deadLetters, page.Limit, page.Offset, next = page.Next(deadLetters.Count, more) });
            return ExitCodes.Ok;
        }
        session.Output.Table("Dead letters", ["order", "item", "state", "reason", "attempts", "retries", "first failed", "age", "last actor"],
            deadLetters.Select(d => (IReadOnlyList<string?>)[d.OrderId, d.ItemId, d.State, d.Reason, session.Output.Number(d.Attempts),
                session.Output.Number(d.Retries), session.Output.Time(d.FirstFailedAt),
                Show.Duration(DateTimeOffset.UtcNow - d.FirstFailedAt), d.LastActor]));
        if (page.LeftOut("dead letters", deadLetters.Count, more) is { } leftOut) session.Output.Note(leftOut);
        return ExitCodes.Ok;
    }

    private static Option<string?> OrderItemOption() => new Option<string?>("--item")
    {
        Description = "The order's item: needed only when the order id is an order on several items.", HelpName = "itemId",
    }.Id();

    /// <summary>Finds the order's item in the read models (so the write side needs no order index), unless the operator
    /// named it, and sends the decision.</summary>
    private static async Task<int> DecideAsync(CliSession session, string orderId, string? namedItem,
        Func<string, string, CommandContext, ICommand<DeadLetterReceipt>> request, string? discardReason, CancellationToken cancellationToken)
    {
        var queries = session.Get<ReadModelQueries>();
        await session.ReadModelAsync(DeadLetterProjection.ProjectionName, cancellationToken);
        var itemId = namedItem ?? (await queries.GetDeadLetterAsync(orderId, cancellationToken))?.ItemId;
        if (itemId is null)
        {
            // Not dead-lettered: let the domain say why, if the order exists at all.
            await session.ReadModelAsync(OrderStatusProjection.ProjectionName, cancellationToken);
            itemId = (await queries.GetOrderAsync(orderId, cancellationToken))?.ItemId
                ?? throw CliException.NotFound($"Order '{orderId}' is not known.");
        }
        var context = CommandContext.System($"cli:{Environment.UserName}");
        var receipt = await session.Get<IMediator>().Send(request(orderId, itemId, context), cancellationToken);
        await session.ReadModelAsync(DeadLetterProjection.ProjectionName, cancellationToken);
        if (session.Output.IsJson)
            session.Output.Document(receipt);
        else
            session.Output.Record($"Order {receipt.OrderId}",
            [
                ("order", receipt.OrderId), ("item", receipt.ItemId), ("outcome", receipt.Outcome), ("reason", receipt.Reason ?? (receipt.Repeated ? null : discardReason)),
                ("reserved until", Show.Time(receipt.ReservedUntil)), ("retry", session.Output.Number(receipt.Retry)),
                ("position", receipt.Position.ToToken()), ("repeated", receipt.Repeated ? "yes (nothing appended)" : "no"),
                ("actor", context.Actor),
            ]);
        return ExitCodes.Ok;
    }
}
