using FlashSale.Cli.Output;
using FlashSale.ReadModels.Rebuilding;
using Spectre.Console;

namespace FlashSale.Cli.Projections;

/// <summary>A rebuild's progress: a progress bar with events/s and ETA on a terminal, one plain line per report when
/// redirected, nothing but the final document with --json.</summary>
public static class RebuildProgressView
{
    public static async Task<RebuildProgress> RunAsync(CommandOutput output, string name,
        Func<Action<RebuildProgress>, Task<RebuildProgress>> rebuild)
    {
        if (output.IsJson) return await rebuild(_ => { });
        if (!output.Console.IsTerminal) return await rebuild(p => output.Line(Describe(name, p)));
        return await output.Console.Ansi.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape($"{name}: starting"), maxValue: 1.0);
                var done = await rebuild(p =>
                {
                    task.Value = p.Fraction;
                    task.Description = Markup.Escape(Describe(name, p));
                });
                task.StopTask();
                return done;
            });
    }

    public static string Describe(string name, RebuildProgress p) =>
        $"rebuild {name}: {p.Phase} {Show.Percent(p.Fraction)}, {Show.Number(p.EventsDone)} events, " +
        $"{Show.Number(p.EventsPerSecond)} events/s, ETA {Show.Duration(p.Eta)}";
}
