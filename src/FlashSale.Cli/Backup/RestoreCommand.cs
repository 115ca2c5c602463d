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
        var command = new Command("restore",
            "Restore a backup into the data directory (--data-dir or Storage:DataDirectory; must be empty): verify its checksum, " +
            "copy the log, rebuild the read models from it, then check them as `audit verify` does (exit 1 if any row differs).")
        {
            file, force,
        };
        cli.RunOnConfiguration(command, (output, configuration, parsed, ct) =>
            RestoreAsync(output, configuration, parsed.GetValue(file)!.FullName, parsed.GetValue(force), ct));
        return command;
    }

    private static async Task<int> RestoreAsync(CommandOutput output, IConfiguration configuration, string backup, bool force,
        CancellationToken cancellationToken)
    {
        string directory, eventsDb;
        await using (var log = ConfiguredLog.From(configuration))
        {
            log.RequireEmbedded("restore");
            (directory, eventsDb) = (Path.GetFullPath(log.Storage.DataDirectory), log.Storage.EventsDatabasePath);
        }
        if (!File.Exists(backup)) throw new CliException(ExitCodes.Usage, $"No backup file at {backup}.");
        var manifest = await BackupManifest.ReadAsync(backup, cancellationToken);
        RestoreTarget.CheckEmpty(directory, force);
        await VerifyAsync(backup, manifest, cancellationToken);
        Progress(output, $"Checksum verified: {backup} holds {Show.Number(manifest.EventCount)} events up to position {manifest.LastPosition ?? "none"}.");

        Directory.CreateDirectory(directory);
        var aside = force ? RestoreTarget.MoveStoresAside(directory, DateTimeOffset.UtcNow) : null;
        if (aside is not null) Progress(output, $"Moved the directory's previous event log and read models to {aside}.");
        await RestoreTarget.CopyLogAsync(backup, eventsDb, manifest.Sha256, cancellationToken);
        Progress(output, $"Restored the event log to {eventsDb}.");

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
                restored = new { file = backup, directory, eventsDb, manifest.EventCount, manifest.LastPosition, movedAside = aside },
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

    private static void Progress(CommandOutput output, string line)
    {
        if (!output.IsJson) output.Line(line);
    }
}
