using System.Globalization;
using FlashSale.Cli.Output;
using FlashSale.Cli.Paging;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Cli.Audit;

/// <summary>The state columns a history shows after each event: their names, and their values for a state (all
/// empty before the first event the projection applies).</summary>
public sealed record StateColumns<TRow>(string[] Names, Func<CommandOutput, TRow, string?[]> Values) where TRow : class
{
    public string?[] Of(CommandOutput output, TRow? state) => state is null ? new string?[Names.Length] : Values(output, state);
}

/// <summary>Writes one page of a history while the steps are replayed: JSON and plain lines leave as they are made,
/// a terminal table is drawn at the end of the page. Rows left out are said (stderr note, JSON <c>next</c>).</summary>
public sealed class HistoryPage<TRow>(CommandOutput output, string kind, string id, AsOf point, Page page, StateColumns<TRow> columns)
    where TRow : class
{
    public async Task WriteAsync(IAsyncEnumerable<HistoryStep<TRow>> steps, CancellationToken cancellationToken)
    {
        var (shown, more) = output.IsJson ? await JsonAsync(steps, cancellationToken) : await TableAsync(steps, cancellationToken);
        if (!output.IsJson && page.LeftOut("steps", shown, more) is { } leftOut) output.Note(leftOut);
    }

    private async Task<(int Shown, bool More)> JsonAsync(IAsyncEnumerable<HistoryStep<TRow>> steps, CancellationToken cancellationToken)
    {
        using var json = new StreamedJson(output.Console.Out);
        json.Writer.WriteStartObject();
        json.Property("kind", kind);
        json.Property("id", id);
        json.Property("asOf", new { position = point.Position?.ToToken(), time = point.Time });
        json.Writer.WriteStartArray("steps");
        var (shown, more) = await ForPageAsync(steps, step =>
        {
            json.Value(step);
            json.Flush();
        }, cancellationToken);
        json.Writer.WriteEndArray();
        json.Property("limit", page.Limit);
        json.Property("offset", page.Offset);
        json.Property("next", page.Next(shown, more));
        json.Writer.WriteEndObject();
        return (shown, more);
    }

    private async Task<(int Shown, bool More)> TableAsync(IAsyncEnumerable<HistoryStep<TRow>> steps, CancellationToken cancellationToken)
    {
        var table = output.StartTable($"History of {kind} {id}", ["position", "revision", "event", "recorded", .. columns.Names]);
        var result = await ForPageAsync(steps, s => table.Add(
            [s.Position, s.Revision.ToString(CultureInfo.InvariantCulture), s.Type, output.Time(s.Recorded), .. columns.Of(output, s.State)]),
            cancellationToken);
        table.Complete();
        return result;
    }

    /// <summary>Replays every step (a state needs all before it) but writes only the page's; stops reading one past it.</summary>
    private async Task<(int Shown, bool More)> ForPageAsync(IAsyncEnumerable<HistoryStep<TRow>> steps, Action<HistoryStep<TRow>> write,
        CancellationToken cancellationToken)
    {
        var (index, shown) = (0, 0);
        await foreach (var step in steps.WithCancellation(cancellationToken))
        {
            if (index++ < page.Offset) continue;
            if (shown == page.Limit) return (shown, true);
            write(step);
            shown++;
        }
        return (shown, false);
    }
}
