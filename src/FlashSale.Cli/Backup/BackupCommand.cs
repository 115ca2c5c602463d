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
            "(last position, event count, SHA-256), then the item snapshots (snapshots.db, as <file>.snapshots.db) so a restored " +
            "directory loads big items from them. EventStoreDB and PostgreSQL stores are backed up with their own tools (RUNBOOK.md).")
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
        var snapshotsPath = BackupManifest.SnapshotsPathFor(target);
        if (Directory.Exists(target)) throw new CliException(ExitCodes.Usage, $"{target} is a directory; give the backup file's name.");
        if (string.Equals(target, source, StringComparison.Ordinal))
            throw new CliException(ExitCodes.Usage, $"{target} is the live event log itself; write the backup elsewhere.");
        if (!force && (File.Exists(target) || File.Exists(manifestPath) || File.Exists(snapshotsPath)))
            throw new CliException(ExitCodes.Usage, $"{target} or its manifest already exists; pass --force to overwrite them.");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);

        var (partial, manifestPartial, snapshotsPartial) = (target + ".partial", manifestPath + ".partial", snapshotsPath + ".partial");
        var watch = Stopwatch.StartNew();
        var startedAt = DateTimeOffset.UtcNow;
        BackupManifest manifest;
        string? snapshotsSkipped = null;
        try
        {
            DeleteIfThere(partial, manifestPartial, snapshotsPartial);
            var summary = await SqliteLogBackup.CopyAsync(source, partial, cancellationToken);
            // After the log: a snapshot newer than the log copy is not used (its event is not in the stream), never wrong.
            BackupSnapshots? snapshots = null;
            if (File.Exists(log.Storage.SnapshotsDatabasePath))
            {
                try
                {
                    var count = await SqliteSnapshotsBackup.CopyAsync(log.Storage.SnapshotsDatabasePath, snapshotsPartial, cancellationToken);
                    snapshots = new BackupSnapshots(Path.GetFileName(snapshotsPath), new FileInfo(snapshotsPartial).Length,
                        await BackupManifest.Sha256Async(snapshotsPartial, cancellationToken), count);
                }
                catch (Exception ex) when (ex is InvalidDataException or Microsoft.Data.Sqlite.SqliteException)
                {
                    // Snapshots only save replays: the log's backup stands without them.
                    DeleteIfThere(snapshotsPartial);
                    snapshotsSkipped = ex.Message;
                }
            }
            manifest = new BackupManifest(BackupManifest.CurrentFormat, BackupManifest.AppVersionOf(), startedAt, source,
                Path.GetFileName(target), new FileInfo(partial).Length, await BackupManifest.Sha256Async(partial, cancellationToken),
                summary.EventCount, summary.StreamCount, summary.LastPosition?.ToToken(), snapshots);
            await manifest.WriteAsync(manifestPartial, cancellationToken);
            // The files first: a crash between the moves leaves a manifest whose checksums refuse the new files.
            File.Move(partial, target, overwrite: true);
            if (snapshots is not null) File.Move(snapshotsPartial, snapshotsPath, overwrite: true);
            else DeleteIfThere(snapshotsPath); // an older backup's, which this manifest does not describe
            File.Move(manifestPartial, manifestPath, overwrite: true);
        }
        catch
        {
            DeleteIfThere(partial, manifestPartial, snapshotsPartial);
            throw;
        }

        if (output.IsJson)
            output.Document(new
            {
                file = target, manifest = manifestPath, seconds = Math.Round(watch.Elapsed.TotalSeconds, 3), backup = manifest, snapshotsSkipped,
            });
        else
        {
            output.Line($"Backed up {Show.Number(manifest.EventCount)} events ({Show.Number(manifest.StreamCount)} streams, last position " +
                $"{manifest.LastPosition ?? "none"}) to {target} in {watch.Elapsed.TotalSeconds:F1}s; manifest {manifestPath} (sha256 {manifest.Sha256}).");
            if (manifest.Snapshots is { } snapshots)
                output.Line($"Item snapshots of {Show.Number(snapshots.SnapshotCount)} items to {snapshotsPath} (sha256 {snapshots.Sha256}).");
        }
        if (snapshotsSkipped is not null)
            output.Note($"warning: item snapshots not backed up ({snapshotsSkipped}); a restore of this backup replays every item once.");
        return ExitCodes.Ok;
    }

    private static void DeleteIfThere(params string[] paths)
    {
        foreach (var path in paths) File.Delete(path);
    }
}
