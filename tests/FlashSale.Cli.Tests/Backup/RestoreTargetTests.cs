using FlashSale.Cli.Backup;

namespace FlashSale.Cli.Tests.Backup;

public sealed class RestoreTargetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("flashsale-restore-target-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void a_forced_restore_moves_the_log_the_read_models_and_the_item_snapshots_aside_and_keeps_other_files()
    {
        string[] stores = ["events.db", "events.db-wal", "readmodels.db", "snapshots.db", "snapshots.db-wal"];
        foreach (var file in stores.Append("notes.txt")) File.WriteAllText(Path.Combine(_directory, file), file);

        var aside = RestoreTarget.MoveStoresAside(_directory, new DateTimeOffset(2026, 12, 2, 3, 4, 5, TimeSpan.Zero));

        aside.ShouldBe(Path.Combine(_directory, "replaced-20261202T030405Z"));
        Directory.GetFiles(aside!).Select(Path.GetFileName).ShouldBe(stores, ignoreOrder: true);
        Directory.GetFiles(_directory).Select(Path.GetFileName).ShouldBe(["notes.txt"]);
    }
}
