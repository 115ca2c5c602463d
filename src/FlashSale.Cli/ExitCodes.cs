namespace FlashSale.Cli;

/// <summary>What scripts can rely on.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>audit verify found differences between the read models and the log.</summary>
    public const int Differences = 1;

    public const int Usage = 2;
    public const int NotFound = 3;
    public const int Configuration = 4;

    /// <summary>The domain refused an operator command (e.g. retrying an order that is not dead-lettered).</summary>
    public const int Refused = 5;

    public const int Failed = 6;
    public const int Cancelled = 130;

    /// <summary>The <c>code</c> of a --json error for a failure that has no code of its own (the domain's have one).</summary>
    public static string CodeOf(int exitCode) => exitCode switch
    {
        Usage => "usage",
        NotFound => "not_found",
        Configuration => "configuration",
        Refused => "refused",
        Cancelled => "cancelled",
        _ => "failed",
    };
}

/// <summary>An expected failure with the exit code and the one-line message the operator sees on stderr.</summary>
public sealed class CliException(int exitCode, string message, string? code = null) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    /// <summary>Stable code of the failure in --json errors.</summary>
    public string Code { get; } = code ?? ExitCodes.CodeOf(exitCode);

    public static CliException NotFound(string message) => new(ExitCodes.NotFound, message);

    public static CliException Configuration(string message) => new(ExitCodes.Configuration, message);

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);
}
