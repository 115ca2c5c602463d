using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using FlashSale.EventStore;
using FlashSale.ReadModels.Audit;

namespace FlashSale.Cli.Audit;

/// <summary>--position and --time: a point in the log's history. Bad values are usage errors (exit 2).</summary>
public sealed class AsOfOptions
{
    public Option<LogPosition?> Position { get; } = new("--position")
    {
        Description = "Up to this log position, inclusive (a token as the API and --json print it: 42, or 1200-1180).",
        HelpName = "token",
        CustomParser = ParsePosition,
    };

    public Option<DateTimeOffset?> Time { get; } = new("--time")
    {
        Description = "Up to this moment (ISO 8601, e.g. 2026-11-23T15:00:00Z; without an offset it is UTC).",
        HelpName = "ISO",
        CustomParser = ParseTime,
    };

    public void AddTo(Command command, bool required)
    {
        command.Options.Add(Position);
        command.Options.Add(Time);
        if (required)
            command.Validators.Add(result =>
            {
                if (result.GetResult(Position) is null && result.GetResult(Time) is null)
                    result.AddError("Give --position <token> or --time <ISO> (or both).");
            });
    }

    public AsOf Read(ParseResult parsed) => new(parsed.GetValue(Position), parsed.GetValue(Time));

    private static LogPosition? ParsePosition(ArgumentResult result)
    {
        var token = result.Tokens.Single().Value;
        if (LogPosition.TryParseToken(token, out var position)) return position;
        result.AddError($"'{token}' is not a log position token (a number such as 42, or commit-prepare such as 1200-1180).");
        return null;
    }

    private static DateTimeOffset? ParseTime(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
        result.AddError($"'{text}' is not an ISO 8601 time (such as 2026-11-23T15:00:00Z).");
        return null;
    }
}
