using System.CommandLine;

namespace FlashSale.Cli;

/// <summary>Options every command accepts, before or after the command name.</summary>
public sealed class GlobalOptions
{
    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Machine output: one JSON document per command (errors too: {code, message, exitCode} on stdout).",
        Recursive = true,
    };

    public Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = "Directory of events.db and readmodels.db (overrides Storage:DataDirectory; default ./data, relative to the working directory).",
        HelpName = "path",
        Recursive = true,
    };

    public Option<bool> NoCatchUp { get; } = new("--no-catch-up")
    {
        Description = "Read the models as they are instead of first catching them up to the head of the log.",
        Recursive = true,
    };

    public Option<bool> Verbose { get; } = new("--verbose")
    {
        Description = "Say on stderr which configuration files were read and where the data directory is.",
        Recursive = true,
    };
}
