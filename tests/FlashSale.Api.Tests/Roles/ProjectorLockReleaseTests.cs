using FlashSale.Hosting.Roles;

namespace FlashSale.Api.Tests.Roles;

/// <summary>
/// A host that fails while starting gives the lock up twice at once: its stopping projector lease and its container's
/// disposal. Both must find the lock released, neither may throw (a NullReferenceException there replaced the host's
/// own start-up error).
/// </summary>
public sealed class ProjectorLockReleaseTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "flashsale-lock-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task releases_racing_each_other_free_the_lock_once_and_never_throw()
    {
        using var fileLock = new ProjectorLock(_directory);
        for (var round = 0; round < 300; round++)
        {
            fileLock.TryAcquire(DateTimeOffset.UtcNow).ShouldBeNull();
            using var start = new Barrier(2);
            var releases = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            {
                start.SignalAndWait();
                fileLock.Release();
            })).ToArray();

            await Task.WhenAll(releases);

            fileLock.IsHeld.ShouldBeFalse();
            File.Exists(fileLock.OwnerPath).ShouldBeFalse();
        }
        using var other = new ProjectorLock(_directory);
        other.TryAcquire(DateTimeOffset.UtcNow).ShouldBeNull();
    }
}
