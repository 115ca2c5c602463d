using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.Cli.Output;
using FlashSale.Projections;
using FlashSale.ReadModels.Queries;
using FlashSale.ReadModels.Rebuilding;

namespace FlashSale.Cli.Projections;

public static class ProjectionCommands
{
    public static Command Create(CliContext cli)
    {
        var status = new Command("status", "Checkpoint, head, lag, state and rebuild progress of every projection.");
        cli.Run(status, (session, _, ct) => StatusAsync(session, ct));

        var name = new Argument<string>("name") { Description = "The projection to rebuild." };
        name.AcceptOnlyFromAmong([.. AllProjections.Create().Select(p => p.Name)]);
        var rebuild = new Command("rebuild", "Replay the log into a shadow table while the live one keeps serving, then swap it in.") { name };
        cli.Run(rebuild, (session, parsed, ct) => RebuildAsync(session, parsed.GetValue(name)!, ct));

        return new Command("projections", "The read models' projections.") { status, rebuild };
    }

    private static async Task<int> StatusAsync(CliSession session, CancellationToken cancellationToken)
    {
        var statuses = await session.Get<ProjectionStatusQuery>().GetAllAsync(cancellationToken);
        if (session.Output.IsJson)
        {
            session.Output.Document(new { projections = statuses });
            return ExitCodes.Ok;
        }
        session.Output.Table("Projections", ["projection", "state", "checkpoint", "head", "lag events", "lag s", "applied", "poison events", "rebuild", "error"],
            statuses.Select(s => (IReadOnlyList<string?>)[s.Name, s.State, s.Checkpoint?.ToToken() ?? "start", s.Head?.ToToken() ?? "empty",
                (s.LagEventsAtLeast ? ">=" : "") + session.Output.Number(s.LagEvents), s.LagSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture),
                session.Output.Number(s.EventsApplied), session.Output.Number(s.PoisonEvents), Describe(s.Rebuild), s.Error]));
        return ExitCodes.Ok;
    }

    private static string? Describe(RebuildProgress? rebuild) => rebuild is null ? null
        : $"{rebuild.Phase} {Show.Percent(rebuild.Fraction)}, {Show.Number(rebuild.EventsDone)} events, ETA {Show.Duration(rebuild.Eta)}";

    private static async Task<int> RebuildAsync(CliSession session, string name, CancellationToken cancellationToken)
    {
        var rebuilder = session.Get<ProjectionRebuilder>();
        var projection = session.Projection(name);
        var done = await RebuildProgressView.RunAsync(session.Output, name,
            report => rebuilder.RebuildAsync(projection, report, cancellationToken));
        if (session.Output.IsJson) session.Output.Document(done);
        else
            session.Output.Line($"Rebuilt {name}: {Show.Number(done.EventsDone)} events in {done.Elapsed.TotalSeconds:F1}s " +
                $"({Show.Number(done.EventsPerSecond)} events/s), now at position {done.Position?.ToToken() ?? "start"}.");
        return ExitCodes.Ok;
    }
}
