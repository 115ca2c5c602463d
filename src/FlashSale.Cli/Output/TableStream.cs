namespace FlashSale.Cli.Output;

/// <summary>A table whose rows arrive one by one: written line by line when stdout is redirected, drawn once complete
/// on a terminal (where the rows are one page, at most --limit).</summary>
public sealed class TableStream(CommandOutput output, string? title, IReadOnlyList<string> headers)
{
    private readonly List<IReadOnlyList<string?>> _rows = [];
    private bool _started;

    public void Add(IReadOnlyList<string?> row)
    {
        if (output.Console.IsTerminal)
        {
            _rows.Add(row);
            return;
        }
        Start();
        output.Console.Out.WriteLine(CommandOutput.Line(row));
    }

    public void Complete()
    {
        if (output.Console.IsTerminal) output.Table(title, headers, _rows);
        else Start();
    }

    private void Start()
    {
        if (_started) return;
        _started = true;
        output.Console.Out.WriteLine(string.Join('\t', headers));
    }
}
