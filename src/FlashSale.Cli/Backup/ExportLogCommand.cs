using System.Buffers;
using System.CommandLine;
using FlashSale.Cli.Output;
using FlashSale.EventStore;
using Microsoft.Extensions.Configuration;

namespace FlashSale.Cli.Backup;

/// <summary><c>flashsale export-log &lt;file.jsonl&gt;</c>: the whole log of the configured store, one event per line,
/// up to the head it had when the export started (for <c>import-log</c> into another store).</summary>
public static class ExportLogCommand
{
    private const int PageSize = 4096;

    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "The JSON-lines file to write." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing file." };
        var command = new Command("export-log",
            "Write the whole event log of the configured store (every stream, with revisions, event ids, data and metadata) " +
            "as JSON lines, to move it to another store with import-log. (`audit export` is the auditors' export.)")
        {
            file, force,
        };
        cli.RunOnConfiguration(command, (output, configuration, parsed, ct) =>
            ExportAsync(output, configuration, parsed.GetValue(file)!.FullName, parsed.GetValue(force), ct));
        return command;
    }

    private static async Task<int> ExportAsync(CommandOutput output, IConfiguration configuration, string target, bool force,
        CancellationToken cancellationToken)
    {
        if (!force && File.Exists(target)) throw new CliException(ExitCodes.Usage, $"{target} already exists; pass --force to overwrite it.");
        await using var log = ConfiguredLog.From(configuration);
        log.RequireExistingLog();
        var store = log.Store;
        var head = await store.ReadHeadPositionAsync(cancellationToken);
        var partial = target + ".partial";
        long count = 0;
        LogPosition? last = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                var buffer = new ArrayBufferWriter<byte>(1 << 16);
                while (head is not null)
                {
                    var page = await store.ReadAllAsync(last, PageSize, StreamFilter.AllUserStreams, cancellationToken)
                        .TakeWhile(e => e.Position <= head.Value).ToListAsync(cancellationToken);
                    if (page.Count == 0) break;
                    foreach (var e in page)
                    {
                        LogLine.Write(e, buffer);
                        await file.WriteAsync(buffer.WrittenMemory, cancellationToken);
                        buffer.ResetWrittenCount();
                    }
                    count += page.Count;
                    last = page[^1].Position;
                }
                await file.FlushAsync(cancellationToken);
            }
            File.Move(partial, target, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
        if (output.IsJson) output.Document(new { file = target, events = count, lastPosition = last?.ToToken() });
        else output.Line($"Exported {Show.Number(count)} events (up to position {last?.ToToken() ?? "none"}) to {target}.");
        return ExitCodes.Ok;
    }
}
