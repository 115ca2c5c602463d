using System.Globalization;

namespace FlashSale.Hosting.Roles;

/// <summary>
/// Who projects an embedded read store: <c>projector.lock</c> in its data directory, locked exclusively by the operating
/// system while the holder lives (so a killed holder's lock is free again at once: stale), and <c>projector.lock.owner</c>
/// naming the holder (pid, host, since) for standbys and for the message a refused process prints. The processes sharing
/// an embedded read store are on one machine, so the lock needs no event store and writes nothing into the log.
/// </summary>
public sealed class ProjectorLock(string dataDirectory) : IDisposable
{
    /// <summary>EX_TEMPFAIL from sysexits.h: the directory is busy now; it is free once the holder stops.</summary>
    public const int ExitCode = 75;

    private readonly Lock _gate = new();
    private FileStream? _held;

    public string LockPath { get; } = Path.Combine(Path.GetFullPath(dataDirectory), "projector.lock");

    public string OwnerPath => LockPath + ".owner";

    public bool IsHeld => _held is not null;

    /// <returns>Null when this process holds the lock now; otherwise why not, in one line.</returns>
    public string? TryAcquire(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (_held is not null) return null;
            Directory.CreateDirectory(Path.GetDirectoryName(LockPath)!);
            var previous = ReadOwner();
            try
            {
                _held = new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                return $"Storage:DataDirectory '{Path.GetDirectoryName(LockPath)}' has a projector already: {previous ?? "another process"} " +
                    "holds projector.lock. Without a standby (Projector:LeaseSeconds=0) one process only may project an embedded " +
                    "read store: stop that one, start this one without the projector role (e.g. Roles=api,payments), or let it stand by " +
                    "(Projector:LeaseSeconds above 0).";
            }
            StalePrevious = previous;
            File.WriteAllText(OwnerPath, $"pid {Environment.ProcessId} on {Environment.MachineName} since {now.ToString("O", CultureInfo.InvariantCulture)}");
            return null;
        }
    }

    /// <summary>The holder named by a lock this process found free (left by a process that is gone), if any.</summary>
    public string? StalePrevious { get; private set; }

    private string? ReadOwner()
    {
        try
        {
            return File.Exists(OwnerPath) ? File.ReadAllText(OwnerPath).Trim() : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => Release();

    /// <summary>Gives the lock up (graceful stop), so a standby takes over at its next look.</summary>
    public void Release()
    {
        // A host that fails while starting releases from its stopping lease and from its container's disposal at once.
        lock (_gate)
        {
            if (_held is null) return;
            try
            {
                File.Delete(OwnerPath);
            }
            catch (IOException)
            {
                // Best effort: the next holder overwrites it.
            }
            _held.Dispose();
            _held = null;
        }
    }
}
