using FlashSale.Application.CommandPath;
using FlashSale.Application.Validation;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.Items;

/// <summary>An operator's repair of an item blocked by an event this version cannot read (adr/0010): the event stays in
/// the log and counts for nothing; the item takes commands again once nothing unreadable is left.</summary>
public sealed record SkipUnreadableEventRequest(string? ItemId, string? Position, string? Reason, CommandContext Context)
    : ICommand<SkipReceipt>;

/// <param name="StillUnreadable">Further unreadable events of the item still waiting (the item stays blocked while any is).</param>
public sealed record SkipReceipt(string ItemId, long Revision, string SkippedPosition, string Type, LogPosition Position, int StillUnreadable);

public sealed class SkipUnreadableEventValidator : RequestValidator<SkipUnreadableEventRequest>
{
    public SkipUnreadableEventValidator()
    {
        RuleForField(r => r.ItemId).ValidId();
        RuleForField(r => r.Position).Must(p => LogPosition.TryParseToken(p, out _))
            .WithMessage("'{PropertyName}' must be a log position as reported for the unreadable event (e.g. 1234).");
        RuleForField(r => r.Reason).PrintableText(500);
    }
}

public sealed class SkipUnreadableEventHandler(ItemCommandPath commandPath, TimeProvider clock)
    : ICommandHandler<SkipUnreadableEventRequest, SkipReceipt>
{
    public async ValueTask<SkipReceipt> Handle(SkipUnreadableEventRequest r, CancellationToken cancellationToken)
    {
        LogPosition.TryParseToken(r.Position, out var position);
        var command = new SkipUnreadableEvent(r.ItemId!, position.ToToken(), r.Reason!, r.Context.Actor, clock.GetUtcNow());
        var outcome = await commandPath.ExecuteAsync(command, r.Context, cancellationToken);
        var skipped = (UnreadableEventSkipped)outcome.Events[0];
        return new SkipReceipt(r.ItemId!, skipped.Revision, skipped.Position, skipped.Type, outcome.Position!.Value,
            outcome.State is Unreadable left ? left.Pending.Count : 0);
    }
}
