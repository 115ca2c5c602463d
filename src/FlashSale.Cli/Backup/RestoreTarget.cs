using System.Globalization;
using System.Security.Cryptography;

namespace FlashSale.Cli.Backup;

/// <summary>The data directory a restore writes into: empty, or cleared of its stores with --force (moved aside,
/// never deleted), and the log copied in under a temporary name so a half-copied file is never taken for a log.</summary>
internal static class RestoreTarget
{
    private static readonly string[] StoreFiles =
        ["events.db", "events.db-wal", "events.db-shm", "readmodels.db", "readmodels.db-wal", "readmodels.db-shm",
        "snapshots.db", "snapshots.db-wal", "snapshots.db-shm"];

    public static void CheckEmpty(string directory, bool force)
    {
        if (File.Exists(directory)) throw new CliException(ExitCodes.Usage, $"The data directory {directory} is a file.");
        if (force || !Directory.Exists(directory) || !Directory.EnumerateFileSystemEntries(directory).Any()) return;
        var entries = Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName).Take(5);
        throw new CliException(ExitCodes.Usage,
            $"The data directory {directory} is not empty ({string.Join(", ", entries)}): restore into an empty directory, or " +
            "stop every process using it and pass --force to move its event log and read models aside.");
    }

    /// <summary>Moves the stores' files into <c>replaced-&lt;time&gt;/</c>; returns that directory, or null when there were none.</summary>
    public static string? MoveStoresAside(string directory, DateTimeOffset now)
    {
        var present = StoreFiles.Select(f => Path.Combine(directory, f)).Where(File.Exists).ToList();
        if (present.Count == 0) return null;
        var aside = Path.Combine(directory, "replaced-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
        Directory.CreateDirectory(aside);
        foreach (var file in present) File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
        return aside;
    }

    /// <summary>Copies a backup file (the log, the item snapshots) to <paramref name="target"/>, hashing what it wrote;
    /// refuses (and removes the copy) when the copy is not the file the manifest describes.</summary>
    public static async Task CopyVerifiedAsync(string backup, string target, string sha256, CancellationToken cancellationToken)
    {
        var restoring = target + ".restoring";
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var from = new FileStream(backup, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true))
            await using (var to = new FileStream(restoring, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, useAsync: true))
            {
                var buffer = new byte[1 << 20];
                int read;
                while ((read = await from.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await to.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
                await to.FlushAsync(cancellationToken);
                to.Flush(flushToDisk: true);
            }
            var copied = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (copied != sha256)
                throw new CliException(ExitCodes.Refused, $"The backup changed while it was copied (sha256 {copied}, manifest {sha256}); nothing was restored.");
            File.Move(restoring, target);
        }
        finally
        {
            File.Delete(restoring);
        }
    }
}
