using System.CommandLine;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Items;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Ids;
using Mediator;

namespace FlashSale.Cli.Items;

/// <summary>The operator's repair of an item blocked by an unreadable event (adr/0010): appends an
/// <c>UnreadableEventSkipped</c> marker through the item's command path; every process folds the item without the event
/// from then on, and the item takes commands again.</summary>
public static class SkipUnreadableCommand
{
    public static Command Create(CliContext cli)
    {
        var itemId = new Argument<string>("itemId") { Description = "The blocked item." }.Id();
        var position = new Option<string>("--position")
        {
            Description = "Log position of the unreadable event (the 'position' of the 503 item.unreadable answer or of GET /api/admin/log/unreadable).",
            Required = true,
        };
        var reason = new Option<string>("--reason") { Description = "Why the event may count for nothing (kept in the marker event).", Required = true };
        var skip = new Command("skip-unreadable", "Skip an event of the item's stream that this version cannot read, so the item takes commands again.")
        {
            itemId, position, reason,
        };
        cli.Run(skip, (session, parsed, ct) => SkipAsync(session, parsed.GetValue(itemId)!, parsed.GetValue(position)!, parsed.GetValue(reason)!, ct));
        return skip;
    }

    private static async Task<int> SkipAsync(CliSession session, string itemId, string position, string reason, CancellationToken cancellationToken)
    {
        var context = CommandContext.System($"cli:{Environment.UserName}");
        var receipt = await session.Get<IMediator>().Send(new SkipUnreadableEventRequest(itemId, position, reason, context), cancellationToken);
        if (session.Output.IsJson)
            session.Output.Document(receipt);
        else
            session.Output.Record($"Item {receipt.ItemId}",
            [
                ("item", receipt.ItemId), ("skipped revision", session.Output.Number(receipt.Revision)), ("skipped position", receipt.SkippedPosition),
                ("skipped type", receipt.Type), ("position", receipt.Position.ToToken()),
                ("still unreadable", session.Output.Number(receipt.StillUnreadable)), ("actor", context.Actor),
            ]);
        return ExitCodes.Ok;
    }
}
