using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Output;
using FlashSale.Projections;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Cli.Audit;

/// <summary>Replays the log in memory and compares every read-model row; exit 1 on any difference, so scripts and
/// operators find corruption before deciding to rebuild.</summary>
public static class VerifyCommand
{
    public static Command Create(CliContext cli)
    {
        var projection = new Option<string[]>("--projection") { Description = "Only this projection (repeatable); default all.", HelpName = "name" };
        projection.AcceptOnlyFromAmong([.. AllProjections.Create().Select(p => p.Name)]);
        var verify = new Command("verify", "Compare every read-model row with a replay of the log; exit code 1 when any differs.") { projection };
        cli.Run(verify, (session, parsed, ct) => VerifyAsync(session, parsed.GetValue(projection) ?? [], ct));
        return verify;
    }

    private static async Task<int> VerifyAsync(CliSession session, string[] only, CancellationToken cancellationToken)
    {
        var report = await session.Get<ReplayVerifier>().VerifyAsync(only, cancellationToken);
        var output = session.Output;
        if (output.IsJson)
            output.Document(new { clean = report.IsClean, report.Projections, report.UnreadEvents });
        else
        {
            output.Table("Verified", ["projection", "checkpoint", "rows compared", "rows skipped", "differences"],
                report.Projections.Select(p => (IReadOnlyList<string?>)[p.Projection, p.Checkpoint?.ToToken() ?? "start",
                    output.Number(p.RowsCompared), output.Number(p.RowsSkipped), output.Number(p.Differences.Count)]));
            var differences = report.Projections.SelectMany(p => p.Differences.Select(d => (p.Projection, Difference: d))).ToList();
            if (differences.Count > 0)
                output.Table("Differences (expected = replay of the log, actual = read model)",
                    ["projection", "table", "key", "kind", "column", "expected", "actual"],
                    differences.SelectMany(d => Rows(d.Projection, d.Difference)));
            if (report.UnreadEvents.Count > 0)
                output.Table("Events the replay could not use (skipped, as the projections do)",
                    ["kind", "stream", "revision", "position", "type", "error"],
                    report.UnreadEvents.Select(u => (IReadOnlyList<string?>)[u.Kind, u.StreamId, output.Number(u.Revision), u.Position.ToToken(), u.Type, u.Error]));
            var summary = report.IsClean ? "Clean: every row matches the log."
                : $"{differences.Count} row(s) differ from the log; `flashsale projections rebuild <name>` rebuilds a model from the log.";
            if (output.Console.IsTerminal) output.Line(summary);
            else output.Note(summary);
        }
        return Result(report);
    }

    private static int Result(VerificationReport report) => report.IsClean ? ExitCodes.Ok : ExitCodes.Differences;

    /// <summary>A different row shows each differing column; a missing or unexpected one shows as one line.</summary>
    private static IEnumerable<IReadOnlyList<string?>> Rows(string projection, RowDifference d) => d.Kind == "different"
        ? d.Columns.Select(c => (IReadOnlyList<string?>)[projection, d.Table, d.Key, d.Kind, c.Column, Show.Value(c.Expected), Show.Value(c.Actual)])
        : [[projection, d.Table, d.Key, d.Kind, "(row)", d.Kind == "missing" ? "present" : "absent", d.Kind == "missing" ? "absent" : "present"]];
}
