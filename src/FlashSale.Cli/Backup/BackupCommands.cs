using System.CommandLine;

namespace FlashSale.Cli.Backup;

/// <summary>Recovery and migration: backup / restore of the embedded log, export-log / import-log between stores.</summary>
public static class BackupCommands
{
    public static IEnumerable<Command> Create(CliContext cli) =>
        [BackupCommand.Create(cli), RestoreCommand.Create(cli), ExportLogCommand.Create(cli), ImportLogCommand.Create(cli)];
}
