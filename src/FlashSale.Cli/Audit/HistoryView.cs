using FlashSale.Cli.Output;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Cli.Audit;

/// <summary>Writes an as-of answer (the last step's state) in the output's mode.</summary>
public sealed class HistoryView(CommandOutput output, string kind, string id, AsOf point)
{
    public string Id => id;

    public AsOf Point => point;

    public void Write<TRow>(IReadOnlyList<HistoryStep<TRow>> steps, Func<TRow?, (string Name, string? Value)[]> describe) where TRow : class
    {
        var last = steps.Count > 0 ? steps[^1] : null;
        var at = new { position = point.Position?.ToToken(), time = point.Time };
        if (output.IsJson)
        {
            output.Document(new { kind, id, asOf = at, lastEvent = last is null ? null : new { last.Position, last.Revision, last.Type, last.Recorded }, state = last?.State });
            return;
        }
        if (last is null)
        {
            output.Line($"The {kind} {id} did not exist yet at {Describe()}.");
            return;
        }
        output.Record($"{kind} {id} as of {Describe()}",
            [("as of", Describe()), ("last event", $"{last.Type} at position {last.Position} ({Show.Time(last.Recorded)})"), .. describe(last.State)]);
    }

    private string Describe() => string.Join(" and ",
        new[] { point.Position is { } p ? $"position {p.ToToken()}" : null, point.Time is { } t ? $"time {Show.Time(t)}" : null }.OfType<string>());
}
