using FlashSale.Contracts;
using System.CommandLine;
using System.Text;
using FlashSale.Application.CommandPath;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Ids;
using FlashSale.Cli.Output;
using FlashSale.EventStore;
using FlashSale.Projections.OrderStatus;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Cli.Audit;

/// <summary>Events of an item, an order or the whole log as JSON lines or CSV, to stdout or a file.</summary>
public static class ExportCommand
{
    public static Command Create(CliContext cli)
    {
        var item = new Option<string?>("--item") { Description = "Only this item's events.", HelpName = "itemId" }.Id();
        var order = new Option<string?>("--order") { Description = "Only this order's events.", HelpName = "orderId" }.Id();
        var format = new Option<string>("--format") { Description = "jsonl (one JSON event per line) or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var file = OutputFileOption.Create("--output", "-o", "Write to this file instead of stdout (its directory must exist).");
        var export = new Command("export", "Export events (whole log by default) with position, revision, type, data and metadata.")
        {
            item, order, format, file,
        };
        export.Validators.Add(result =>
        {
            if (result.GetResult(item) is not null && result.GetResult(order) is not null) result.AddError("Give --item or --order, not both.");
        });
        cli.Run(export, (session, parsed, ct) => ExportAsync(session, new ExportScope(parsed.GetValue(item), parsed.GetValue(order)),
            parsed.GetValue(format) == "csv" ? ExportFormat.Csv : ExportFormat.Jsonl, parsed.GetValue(file), ct));
        return export;
    }

    private static async Task<int> ExportAsync(CliSession session, ExportScope scope, ExportFormat format, FileInfo? file,
        CancellationToken cancellationToken)
    {
        if (scope.OrderId is not null) await session.ReadModelAsync(OrderStatusProjection.ProjectionName, cancellationToken);
        if (scope.ItemId is { } itemId && !await session.Get<IEventStore>().ReadStreamAsync(ItemStreams.For(itemId), 0, 1, cancellationToken)
                .AnyAsync(cancellationToken))
            throw CliException.NotFound($"Item '{itemId}' is not known: the log has no events for it.");
        var export = session.Get<LogExport>();
        if (file is null)
        {
            var written = await export.ExportAsync(scope, format, session.Output.Console.Out, cancellationToken);
            return written is null ? throw NotFound(scope) : ExitCodes.Ok;
        }
        long? count;
        var partial = file.FullName + ".partial";
        await using (var writer = new StreamWriter(partial, append: false, new UTF8Encoding(false)))
            count = await export.ExportAsync(scope, format, writer, cancellationToken);
        if (count is null)
        {
            File.Delete(partial);
            throw NotFound(scope);
        }
        // Only a complete export takes the file's name, so a failed or cancelled run never leaves a truncated file behind.
        File.Move(partial, file.FullName, overwrite: true);
        if (session.Output.IsJson)
            session.Output.Document(new { file = file.FullName, format = format.ToString().ToLowerInvariant(), events = count });
        else
            session.Output.Line($"Exported {count} events to {file.FullName}.");
        return ExitCodes.Ok;
    }

    private static CliException NotFound(ExportScope scope) => CliException.NotFound($"Order '{scope.OrderId}' is not known.");
}
