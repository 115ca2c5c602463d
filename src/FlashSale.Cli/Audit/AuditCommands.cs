using System.CommandLine;

namespace FlashSale.Cli.Audit;

/// <summary>Audit: from the log alone (history, as-of, export), or the log against the read models (verify).</summary>
public static class AuditCommands
{
    public static Command Create(CliContext cli) => new("audit", "Check the read models against the log; replay and export the log.")
    {
        VerifyCommand.Create(cli),
        HistoryCommands.CreateHistory(cli),
        HistoryCommands.CreateAsOf(cli),
        ExportCommand.Create(cli),
    };
}
