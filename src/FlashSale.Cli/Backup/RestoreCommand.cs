using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Output;
using FlashSale.Cli.Projections;
using FlashSale.EventStore.Sqlite.Backup;
using FlashSale.Projections;
using FlashSale.ReadModels.Audit;
using FlashSale.ReadModels.Rebuilding;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Cli.Backup;

/// <summary><c>flashsale restore &lt;file&gt; --data-dir DIR</c>: checks the backup against its manifest before
/// writing anything, puts the log in place, rebuilds every read model from it and verifies them as `audit verify` does.</summary>
public static class RestoreCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Argument<FileInfo>("file") { Description = "A backup written by `flashsale backup` (its <file>.manifest.json next to it)." };
        var force = new Option<bool>("--force") { Description = "Restore into a directory that is not empty: its event log and read models are moved into replaced-<time>/." };
        var withoutSnapshots = new Option<bool>("--without-snapshots")
        {
            Description = "Restore the log without the backup's item snapshots (e.g. when their file is damaged): every item is replayed once.",
        };
        var command = new Command("restore",
            "Restore a backup into the data directory (--data-dir or Storage:DataDirectory; must be empty): verify its checksums, " +
            "copy the log and the item snapshots, rebuild the read models from the log, then check them as `audit verify` does " +
            "(exit 1 if any row differs).")
        {
            file, force, withoutSnapshots,
        };
        cli.RunOnConfiguration(command, (output, configuration, parsed, ct) =>
            RestoreAsync(output, configuration, parsed.GetValue(file)!.FullName, parsed.GetValue(force), parsed.GetValue(withoutSnapshots), ct));
        return command;
    }

    private static async Task<int> RestoreAsync(CommandOutput output, IConfiguration configuration, string backup, bool force,
        bool withoutSnapshots, CancellationToken cancellationToken)
    {
        string directory, eventsDb, snapshotsDb;
        await using (var log = ConfiguredLog.From(configuration))
        {
            log.RequireEmbedded("restore");
            (directory, eventsDb, snapshotsDb) = (Path.GetFullPath(log.Storage.DataDirectory), log.Storage.EventsDatabasePath,
                log.Storage.SnapshotsDatabasePath);
        }
        if (!File.Exists(backup)) throw new CliException(ExitCodes.Usage, $"No backup file at {backup}.");
        var manifest = await BackupManifest.ReadAsync(backup, cancellationToken);
        RestoreTarget.CheckEmpty(directory, force);
        await VerifyAsync(backup, manifest, cancellationToken);
        Progress(output, $"Checksum verified: {backup} holds {Show.Number(manifest.EventCount)} events up to position {manifest.LastPosition ?? "none"}.");
        var snapshots = withoutSnapshots ? null : await VerifySnapshotsAsync(backup, manifest, cancellationToken);
        if (snapshots is not null)
            Progress(output, $"Checksum verified: {snapshots.Value.Path} holds snapshots of {Show.Number(snapshots.Value.Entry.SnapshotCount)} items.");
        else
            Progress(output, "No item snapshots restored: each item is replayed from its first event once.");

        Directory.CreateDirectory(directory);
        var aside = force ? RestoreTarget.MoveStoresAside(directory, DateTimeOffset.UtcNow) : null;
        if (aside is not null) Progress(output, $"Moved the directory's previous event log and read models to {aside}.");
        await RestoreTarget.CopyVerifiedAsync(backup, eventsDb, manifest.Sha256, cancellationToken);
        Progress(output, $"Restored the event log to {eventsDb}.");
        if (snapshots is { } restoring)
        {
            await RestoreTarget.CopyVerifiedAsync(restoring.Path, snapshotsDb, restoring.Entry.Sha256, cancellationToken);
            Progress(output, $"Restored the item snapshots to {snapshotsDb}.");
        }

        await using var services = await CliServices.BuildAsync(configuration);
        var projections = services.GetRequiredService<IReadOnlyList<IProjection>>();
        await services.GetRequiredService<IReadModelStore>().InitializeAsync(projections, cancellationToken);
        var rebuilder = services.GetRequiredService<ProjectionRebuilder>();
        var rebuilt = new List<RebuildProgress>();
        foreach (var projection in projections)
            rebuilt.Add(await RebuildProgressView.RunAsync(output, projection.Name,
                report => rebuilder.RebuildAsync(projection, report, cancellationToken)));
        var verification = await services.GetRequiredService<ReplayVerifier>().VerifyAsync(null, cancellationToken);

        if (output.IsJson)
            output.Document(new
            {
                restored = new
                {
                    file = backup, directory, eventsDb, manifest.EventCount, manifest.LastPosition, movedAside = aside,
                    snapshots = snapshots is { } restored ? new { file = snapshotsDb, restored.Entry.SnapshotCount } : null,
                },
                projections = rebuilt,
                verify = new { clean = verification.IsClean, verification.Projections, verification.UnreadEvents },
            });
        else
        {
            var differences = verification.Projections.Sum(p => p.Differences.Count);
            output.Line(verification.IsClean
                ? $"Restored {Show.Number(manifest.EventCount)} events into {directory}; read models rebuilt ({string.Join(", ", rebuilt.Select(r => r.Projection))}); audit verify: clean."
                : $"Restored into {directory}, but audit verify found {differences} row(s) differing from the log (run `flashsale audit verify`).");
        }
        return verification.IsClean ? ExitCodes.Ok : ExitCodes.Differences;
    }

    /// <summary>Before anything is written: the file is the one the manifest describes, and a sound log of that size.</summary>
    private static async Task VerifyAsync(string backup, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var actual = await BackupManifest.Sha256Async(backup, cancellationToken);
        if (actual != manifest.Sha256)
            throw new CliException(ExitCodes.Refused,
                $"The backup {backup} is damaged: its SHA-256 is {actual}, the manifest says {manifest.Sha256}. Nothing was restored.");
        SqliteLogSummary summary;
        try
        {
            summary = await SqliteLogInspection.InspectAsync(backup, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ExitCodes.Refused, $"{ex.Message} Nothing was restored.");
        }
        if (summary.EventCount != manifest.EventCount || summary.LastPosition?.ToToken() != manifest.LastPosition)
            throw new CliException(ExitCodes.Refused,
                $"The backup {backup} holds {summary.EventCount} events up to {summary.LastPosition?.ToToken() ?? "none"}, " +
                $"its manifest says {manifest.EventCount} up to {manifest.LastPosition ?? "none"}. Nothing was restored.");
    }

    /// <summary>Before anything is written, like the log: the manifest's snapshots file is there, the one it describes, and
    /// sound. A damaged one refuses the restore, naming it (the operator chooses <c>--without-snapshots</c>): a backup is
    /// restored as it was taken or not at all, never quietly slower.</summary>
    /// <returns>The file to restore and its entry; null when the backup has none (a manifest written before them).</returns>
    private static async Task<(string Path, BackupSnapshots Entry)?> VerifySnapshotsAsync(string backup, BackupManifest manifest,
        CancellationToken cancellationToken)
    {
        if (manifest.Snapshots is not { } entry) return null;
        var path = Path.Combine(Path.GetDirectoryName(backup)!, Path.GetFileName(entry.File));
        const string Choice = "Nothing was restored; pass --without-snapshots to restore the log alone (every item is then replayed once).";
        if (!File.Exists(path))
            throw new CliException(ExitCodes.Refused, $"The backup's item snapshots {path} are missing (its manifest lists them). {Choice}");
        var actual = await BackupManifest.Sha256Async(path, cancellationToken);
        if (actual != entry.Sha256)
            throw new CliException(ExitCodes.Refused,
                $"The backup's item snapshots {path} are damaged: their SHA-256 is {actual}, the manifest says {entry.Sha256}. {Choice}");
        try
        {
            await SqliteSnapshotsBackup.InspectAsync(path, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new CliException(ExitCodes.Refused, $"The backup's item snapshots are unusable: {ex.Message} {Choice}");
        }
        return (path, entry);
    }

    private static void Progress(CommandOutput output, string line)
    {
        if (!output.IsJson) output.Line(line);
    }
}
