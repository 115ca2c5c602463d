using System.CommandLine;
using System.Diagnostics;
using FlashSale.Cli.Output;
using FlashSale.EventStore.Sqlite.Backup;
using Microsoft.Extensions.Configuration;

namespace FlashSale.Cli.Backup;

/// <summary><c>flashsale backup &lt;file&gt;</c>: an online, consistent copy of the embedded log with its manifest,
/// safe to take while the API appends.</summary>
public static class BackupCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "The backup file to write; its manifest goes next to it as <file>.manifest.json." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing backup file and its manifest." };
        var command = new Command("backup",
            "Copy the embedded event log (events.db) while the API keeps running: a consistent snapshot plus a manifest " +
            "(last position, event count, SHA-256). EventStoreDB and PostgreSQL stores are backed up with their own tools (RUNBOOK.md).")
        {
            file, force,
        };
        cli.RunOnConfiguration(command, (output, configuration, parsed, ct) =>
            BackupAsync(output, configuration, parsed.GetValue(file)!.FullName, parsed.GetValue(force), ct));
        return command;
    }

    private static async Task<int> BackupAsync(CommandOutput output, IConfiguration configuration, string target, bool force,
        CancellationToken cancellationToken)
    {
        await using var log = ConfiguredLog.From(configuration);
        log.RequireEmbedded("backup");
        log.RequireExistingLog();
        var source = log.Storage.EventsDatabasePath;
        var manifestPath = BackupManifest.PathFor(target);
        if (Directory.Exists(target)) throw new CliException(ExitCodes.Usage, $"{target} is a directory; give the backup file's name.");
        if (string.Equals(target, source, StringComparison.Ordinal))
            throw new CliException(ExitCodes.Usage, $"{target} is the live event log itself; write the backup elsewhere.");
        if (!force && (File.Exists(target) || File.Exists(manifestPath)))
            throw new CliException(ExitCodes.Usage, $"{target} or its manifest already exists; pass --force to overwrite them.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var (partial, manifestPartial) = (target + ".partial", manifestPath + ".partial");
        var watch = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        BackupManifest manifest;
        try
        {
            DeleteIfThere(partial, manifestPartial);
            var summary = await SqliteLogBackup.CopyAsync(source, partial, cancellationToken);
            manifest = new BackupManifest(BackupManifest.CurrentFormat, BackupManifest.AppVersionOf(), startedAt, source,
                Path.GetFileName(target), new FileInfo(partial).Length, await BackupManifest.Sha256Async(partial, cancellationToken),
                summary.EventCount, summary.StreamCount, summary.LastPosition?.ToToken());
            await manifest.WriteAsync(manifestPartial, cancellationToken);
            // The file first: a crash between the two moves leaves a manifest whose checksum refuses the new file.
            File.Move(partial, target, overwrite: true);
            File.Move(manifestPartial, manifestPath, overwrite: true);
        }
        catch
        {
            DeleteIfThere(partial, manifestPartial);
            throw;
        }

        if (output.IsJson)
            output.Document(new { file = target, manifest = manifestPath, seconds = Math.Round(watch.Elapsed.TotalSeconds, 3), backup = manifest });
        else
            output.Line($"Backed up {Show.Number(manifest.EventCount)} events ({Show.Number(manifest.StreamCount)} streams, last position " +
                $"{manifest.LastPosition ?? "none"}) to {target} in {watch.Elapsed.TotalSeconds:F1}s; manifest {manifestPath} (sha256 {manifest.Sha256}).");
        return ExitCodes.Ok;
    }

    private static void DeleteIfThere(params string[] paths)
    {
        foreach (var path in paths) File.Delete(path);
    }
}
