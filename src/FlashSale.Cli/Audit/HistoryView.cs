using FlashSale.Cli.Output;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Cli.Audit;

/// <summary>Writes a history (every step) or an as-of answer (the last step's state) in the output's mode.</summary>
public sealed class HistoryView(CommandOutput output, string kind, string id, AsOf point, bool asOf)
{
    public string Id => id;

    public AsOf Point => point;

    public void Write<TRow>(IReadOnlyList<HistoryStep<TRow>> steps, Func<TRow?, (string Name, string? Value)[]> describe) where TRow : class
    {
        var last = steps.Count > 0 ? steps[^1] : null;
        var at = new { position = point.Position?.ToToken(), time = point.Time };
        if (output.IsJson)
        {
            output.Document(asOf
                ? new { kind, id, asOf = at, lastEvent = last is null ? null : new { last.Position, last.Revision, last.Type, last.Recorded }, state = last?.State }
                : (object)new { kind, id, asOf = at, steps });
            return;
        }
        if (!asOf)
        {
            var columns = describe(steps.Select(s => s.State).FirstOrDefault(s => s is not null));
            output.Table($"History of {kind} {id}", ["position", "revision", "event", "recorded", .. columns.Select(c => c.Name)],
                steps.Select(s => (IReadOnlyList<string?>)[s.Position, s.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    s.Type, output.Time(s.Recorded), .. Values(describe(s.State), columns.Length)]));
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

    private static IEnumerable<string?> Values((string Name, string? Value)[] state, int width) =>
        state.Length == width ? state.Select(s => s.Value) : Enumerable.Repeat<string?>(null, width);

    private string Describe() => string.Join(" and ",
        new[] { point.Position is { } p ? $"position {p.ToToken()}" : null, point.Time is { } t ? $"time {Show.Time(t)}" : null }.OfType<string>());
}
