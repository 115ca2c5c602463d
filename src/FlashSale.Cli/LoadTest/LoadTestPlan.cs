using System.CommandLine;
using FlashSale.Cli.Hosting;
using FlashSale.LoadTest;

namespace FlashSale.Cli.LoadTest;

/// <summary>A load test as the command line asked for it: the options, whether to host the API here, the HTML
/// report's file. The confirm rate is settled once the callback secret is known.</summary>
public sealed record LoadTestPlan(LoadTestOptions Options, bool HostInProcess, double? ConfirmRate, string? ReportPath)
{
    public const string OperatorKeyVariable = "FLASHSALE_OPERATOR_KEY";
    public const string CallbackSecretVariable = "FLASHSALE_CALLBACK_SECRET";
    private static readonly Uri InProcessPlaceholder = new("http://127.0.0.1:0/");

    public static LoadTestPlan From(CrowdOptions o, ParseResult parsed, CliContext cli, string? defaultUrl = null)
    {
        var url = parsed.GetValue(o.Url) ?? defaultUrl;
        var configuration = new Lazy<Microsoft.Extensions.Configuration.IConfiguration>(() => CliConfiguration.Build(parsed.GetValue(cli.Options.DataDirectory)));
        string? Setting(Option<string?> option, string variable, string key) =>
            NonEmpty(parsed.GetValue(option)) ?? NonEmpty(Environment.GetEnvironmentVariable(variable)) ?? NonEmpty(configuration.Value[key]);
        Uri? target = null;
        if (url is not null && !Uri.TryCreate(url, UriKind.Absolute, out target))
            throw new CliException(ExitCodes.Usage, $"--url '{url}' is not an absolute URL, e.g. http://127.0.0.1:5080.");
        var options = new LoadTestOptions
        {
            Url = target ?? InProcessPlaceholder,
            OperatorKey = target is null ? "in-process" : Setting(o.OperatorKey, OperatorKeyVariable, "Operators:ApiKey") ?? "",
            CallbackSecret = target is null ? "in-process" : Setting(o.CallbackSecret, CallbackSecretVariable, "Payments:CallbackSecret"),
            AllowRemote = parsed.GetValue(o.AllowRemote),
            Items = parsed.GetValue(o.Items), Stock = parsed.GetValue(o.Stock), PerUserLimit = parsed.GetValue(o.PerUserLimit),
            Orders = parsed.GetValue(o.Orders), Duration = CrowdOptions.ParseDuration(parsed.GetValue(o.Duration)),
            Concurrency = parsed.GetValue(o.Concurrency), Users = parsed.GetValue(o.Users), Popularity = parsed.GetValue(o.Popularity),
            ZipfS = parsed.GetValue(o.ZipfS), RepeatShare = parsed.GetValue(o.RepeatShare), VerifyOrders = parsed.GetValue(o.VerifyOrders),
            Seed = parsed.GetValue(o.Seed),
        };
        return new LoadTestPlan(options, target is null, parsed.GetValue(o.ConfirmRate), parsed.GetValue(o.Report));
    }

    /// <summary>The options to run with against <paramref name="api"/> (when hosted here), the confirm rate settled.</summary>
    public LoadTestOptions Resolve(InProcessApi? api)
    {
        var options = api is null ? Options : Options with { Url = api.Url, OperatorKey = api.OperatorKey, CallbackSecret = api.CallbackSecret };
        return options with { ConfirmRate = ConfirmRate ?? (string.IsNullOrEmpty(options.CallbackSecret) ? 0 : 0.5) };
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
