using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace FlashSale.Cli.Backup;

/// <summary>
/// What a backup holds, written next to it as <c>&lt;file&gt;.manifest.json</c>: the log position and event count
/// it ends at, and the SHA-256 of the backup file (<c>sha256sum</c> prints the same), checked before a restore writes
/// anything. <see cref="Snapshots"/> describes the copy of the item snapshots next to it, when the directory had any;
/// manifests written before it have none and restore as before.
/// </summary>
public sealed record BackupManifest(
    string Format,
    string AppVersion,
    DateTimeOffset CreatedAt,
    string SourcePath,
    string File,
    long SizeBytes,
    string Sha256,
    long EventCount,
    long StreamCount,
    string? LastPosition,
    BackupSnapshots? Snapshots = null)
{
    public const string CurrentFormat = "flashsale-sqlite-event-log/1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string backupPath) => backupPath + ".manifest.json";

    /// <summary>Where the copy of the item snapshots goes next to the backup file.</summary>
    public static string SnapshotsPathFor(string backupPath) => backupPath + ".snapshots.db";

    public static string AppVersionOf() =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = System.IO.File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }

    /// <summary>Reads the manifest of <paramref name="backupPath"/>; a missing or unreadable one is a refused restore.</summary>
    public static async Task<BackupManifest> ReadAsync(string backupPath, CancellationToken cancellationToken)
    {
        var path = PathFor(backupPath);
        if (!System.IO.File.Exists(path))
            throw new CliException(ExitCodes.Refused,
                $"No manifest at {path}: a backup is the file and its manifest (written by `flashsale backup`); without it the file cannot be checked.");
        try
        {
            await using var stream = System.IO.File.OpenRead(path);
            var manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, cancellationToken);
            if (manifest is null || manifest.Format != CurrentFormat || string.IsNullOrEmpty(manifest.Sha256))
                throw new JsonException($"format '{manifest?.Format}' is not '{CurrentFormat}' or the checksum is missing");
            return manifest;
        }
        catch (JsonException ex)
        {
            throw new CliException(ExitCodes.Refused, $"The manifest {path} is not a FlashSale backup manifest: {ex.Message}");
        }
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken));
    }
}

/// <summary>The copy of <c>snapshots.db</c> in a backup: its file name (next to the backup file), size, SHA-256 and how many
/// items it holds a snapshot of.</summary>
public sealed record BackupSnapshots(string File, long SizeBytes, string Sha256, long SnapshotCount);
