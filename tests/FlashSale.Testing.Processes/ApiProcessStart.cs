namespace FlashSale.Testing.Processes;

/// <summary>How to start the API as a child process: its built dll, the loopback port, the data directory and the
/// configuration an operator would give it.</summary>
/// <param name="Assembly">The built <c>FlashSale.Api.dll</c>.</param>
public sealed record ApiProcessStart(string Assembly, int Port, string DataDirectory)
{
    /// <summary>Configuration keys (<c>Payments:ProcessorEnabled</c> or <c>Payments__ProcessorEnabled</c>) and values,
    /// given as environment variables; they override the defaults of <see cref="ApiProcess"/>.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The content root: <c>appsettings.json</c> is read from here.</summary>
    public string WorkingDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>How long the start may take until <c>/health</c> answers 200.</summary>
    public TimeSpan HealthTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>When set, the start also waits (this long) until readiness no longer says it is catching up with the log.</summary>
    public TimeSpan? CatchUpTimeout { get; init; }

    /// <summary>When set, every line the process writes goes to this file too (not only the last lines kept in memory).</summary>
    public string? OutputFile { get; init; }
}
