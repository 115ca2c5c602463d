namespace FlashSale.Cli.Output;

/// <summary>A failure as --json prints it on stdout: a stable code (the domain's, or one per exit code), the message
/// stderr shows, and the exit code the process returns.</summary>
public sealed record CliError(string Code, string Message, int ExitCode);
