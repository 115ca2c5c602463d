using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace FlashSale.Cli.Output;

/// <summary>
/// One command's output in the mode the caller asked for: a JSON document (--json), Spectre tables on a terminal,
/// or tab-separated lines with a header when stdout is redirected. Notes (the model is behind, ...) go to stderr so
/// they never break the data on stdout.
/// </summary>
public sealed class CommandOutput(CliConsole console, bool json)
{
    public bool IsJson => json;

    public CliConsole Console => console;

    public void Document(object value) => console.Out.WriteLine(JsonSerializer.Serialize(value, value.GetType(), CliJson.Options));

    /// <summary>A failure: one line on stderr always, and with --json also one object on stdout, so a script reading
    /// the JSON learns what went wrong without parsing stderr. Returns the exit code.</summary>
    public int Fail(int exitCode, string message) => Fail(exitCode, ExitCodes.CodeOf(exitCode), message);

    public int Fail(int exitCode, string code, string message)
    {
        if (json) Document(new CliError(code, message, exitCode));
        if (console.IsTerminal) console.AnsiError.MarkupLine($"[red]error:[/] {Markup.Escape(message)}");
        else console.Error.WriteLine($"error: {message}");
        return exitCode;
    }

    public void Table(string? title, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows)
    {
        if (!console.IsTerminal)
        {
            console.Out.WriteLine(string.Join('\t', headers));
            foreach (var row in rows) console.Out.WriteLine(Line(row));
            return;
        }
        var all = rows.ToList();
        // Columns with nothing in any row (no error, no rebuild running) only cost a terminal's width.
        var shown = Enumerable.Range(0, headers.Count).Where(i => i == 0 || all.Count == 0 || all.Any(r => r[i] is not null)).ToList();
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null) table.Title(new TableTitle(Markup.Escape(title)));
        // Numbers, times and positions never break over two lines; text columns give way to fit the terminal.
        var numeric = shown.Select(i => TableCells.IsNumeric(all.Select(r => r[i]))).ToList();
        var widths = TableLayout.Widths([.. shown.Select(i => headers[i])], [.. all.Select(r => (IReadOnlyList<string?>)[.. shown.Select(i => r[i])])],
            numeric, console.Ansi.Profile.Width);
        for (var c = 0; c < shown.Count; c++)
            table.AddColumn(new TableColumn(Markup.Escape(headers[shown[c]])) { NoWrap = widths is null ? c == 0 : numeric[c], Width = widths?[c] });
        foreach (var row in all) table.AddRow(shown.Select(i => (IRenderable)new Text(row[i] ?? "-")).ToArray());
        if (table.Rows.Count == 0) table.Caption(new TableTitle("(none)"));
        console.Ansi.Write(table);
    }

    /// <summary>A table written as its rows arrive (see <see cref="TableStream"/>).</summary>
    public TableStream StartTable(string? title, IReadOnlyList<string> headers) => new(this, title, headers);

    /// <summary>One row of the redirected rendering: tab-separated, no tab or line break inside a cell.</summary>
    public static string Line(IEnumerable<string?> row) => string.Join('\t', row.Select(Cell));

    public void Record(string title, IReadOnlyList<(string Name, string? Value)> fields)
    {
        if (!console.IsTerminal)
        {
            foreach (var (name, value) in fields) console.Out.WriteLine($"{name}: {Cell(value)}");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded).Title(new TableTitle(Markup.Escape(title))).HideHeaders()
            .AddColumn("field").AddColumn("value");
        foreach (var (name, value) in fields) table.AddRow(new Text(name), new Text(value ?? "-"));
        console.Ansi.Write(table);
    }

    /// <summary>Full ISO 8601 for pipes and files (it can be passed back to --time); compact on a terminal.</summary>
    public string? Time(DateTimeOffset? value) => console.IsTerminal ? Show.ShortTime(value) : Show.Time(value);

    /// <summary>Digit groups on a terminal; bare digits for pipes and files.</summary>
    public string Number(long value) => console.IsTerminal ? Show.Number(value) : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public void Line(string text) => console.Out.WriteLine(text);

    public void Note(string text)
    {
        if (console.IsTerminal) console.AnsiError.MarkupLine($"[yellow]{Markup.Escape(text)}[/]");
        else console.Error.WriteLine(text);
    }

    private static string Cell(string? value) =>
        value is null ? "" : value.Replace('\t', ' ').Replace('\n', ' ').Replace('\r', ' ');
}
