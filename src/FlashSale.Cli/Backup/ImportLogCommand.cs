using System.CommandLine;
using FlashSale.Cli.Output;
using Microsoft.Extensions.Configuration;

namespace FlashSale.Cli.Backup;

/// <summary><c>flashsale import-log &lt;file.jsonl&gt;</c>: appends an exported log to the configured store, keeping
/// streams, revisions and event ids; only into an empty store or one holding an interrupted import of the same file.</summary>
public static class ImportLogCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "A JSON-lines file written by export-log." };
        var command = new Command("import-log",
            "Append an export-log file to the configured store (EventStore:Provider), keeping every stream's revisions and event ids. " +
            "The store must be empty, or hold the start of the same file (a re-run after an interrupted import continues where it stopped).")
        {
            file,
        };
        cli.RunOnConfiguration(command, (output, configuration, parsed, ct) =>
            ImportAsync(output, configuration, parsed.GetValue(file)!.FullName, ct));
        return command;
    }

    private static async Task<int> ImportAsync(CommandOutput output, IConfiguration configuration, string source, CancellationToken cancellationToken)
    {
        if (!File.Exists(source)) throw new CliException(ExitCodes.Usage, $"No file at {source}.");
        await using var log = ConfiguredLog.From(configuration);
        var result = await new LogImport(log.Store).RunAsync(ReadLinesAsync(source, cancellationToken), cancellationToken);
        var target = log.IsEmbedded ? log.Storage.EventsDatabasePath : log.Options.Provider;
        if (output.IsJson)
            output.Document(new { file = source, target, imported = result.Imported, alreadyThere = result.AlreadyThere, laterInTarget = result.LaterInTarget });
        else
        {
            output.Line($"Imported {Show.Number(result.Imported)} events into {target}" +
                (result.AlreadyThere > 0 ? $" ({Show.Number(result.AlreadyThere)} were already there from an earlier run)." : "."));
            if (result.LaterInTarget) output.Note("The target holds events written after the whole file was imported; they were left as they are.");
        }
        return ExitCodes.Ok;
    }

    private static async IAsyncEnumerable<(long Number, LogLine Line)> ReadLinesAsync(string path,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(path, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 20);
        long number = 0;
        while (await reader.ReadLineAsync(cancellationToken) is { } text)
        {
            number++;
            if (text.Length == 0) continue;
            LogLine line;
            try
            {
                line = LogLine.Parse(text);
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
            {
                throw new CliException(ExitCodes.Refused, $"{path} line {number} is not an exported event: {ex.Message}. The import stopped there.");
            }
            yield return (number, line);
        }
    }
}
