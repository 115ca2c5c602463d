using Spectre.Console;

namespace FlashSale.Cli.Output;

/// <summary>Where the CLI writes: raw writers for data (exports, JSON, plain lines) and Spectre consoles over the
/// same writers for tables and progress bars, which are only used when stdout is a terminal.</summary>
public sealed class CliConsole
{
    private CliConsole(TextWriter @out, TextWriter error, bool isTerminal, IAnsiConsole ansi, IAnsiConsole ansiError)
    {
        Out = @out;
        Error = error;
        IsTerminal = isTerminal;
        Ansi = ansi;
        AnsiError = ansiError;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Stdout is a terminal: tables, colours and progress bars; otherwise plain lines for pipes and files.</summary>
    public bool IsTerminal { get; }

    public IAnsiConsole Ansi { get; }

    public IAnsiConsole AnsiError { get; }

    public static CliConsole System() => new(Console.Out, Console.Error, !Console.IsOutputRedirected,
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) }),
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }));

    /// <summary>For tests and embedding: no colours, a fixed width, and <paramref name="terminal"/> deciding between
    /// the terminal rendering (tables, live progress bars drawn with cursor movement) and the plain one.</summary>
    public static CliConsole Capture(TextWriter @out, TextWriter error, bool terminal, int width = 200) =>
        new(@out, error, terminal, Plain(@out, terminal, width), Plain(error, terminal, width));

    private static IAnsiConsole Plain(TextWriter writer, bool interactive, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = interactive ? AnsiSupport.Yes : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }
}
