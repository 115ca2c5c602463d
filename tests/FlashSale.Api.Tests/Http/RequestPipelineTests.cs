using System.Diagnostics;
using System.Net;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Api.Tests.Logging;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FlashSale.Api.Tests.Http;

/// <summary>
/// What the request pipeline no longer does per request (ADR 0036) and what it still does: the host's start-up errors
/// are logged, the framework's request Activity exists only when something listens (tracing), the authentication
/// middleware runs only where a scheme could apply, and the metrics scrape carries exemplars only on the request
/// latencies, only when there is a trace. One class, so no other test's ActivityListener runs alongside.
/// </summary>
public sealed class RequestPipelineTests
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    [Fact]
    public void a_request_pipeline_that_fails_to_build_is_still_logged_as_the_hosts_start_up_error()
    {
        var logs = new CapturedLogs();
        using var api = new FlashSaleApiFactory { Logs = logs };
        using var failing = api.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddTransient<IStartupFilter, FailingPipeline>()));

        Should.Throw<InvalidOperationException>(() => failing.CreateClient()).Message.ShouldBe(FailingPipeline.Message);

        var line = logs.Lines.Where(l => l.Category == HostingCategory).ShouldHaveSingleItem();
        line.Level.ShouldBe(LogLevel.Critical);
        line.Error.ShouldNotBeNull().Message.ShouldBe(FailingPipeline.Message);
    }

    [Fact]
    public async Task a_request_gets_no_activity_and_no_authentication_pass_when_nothing_listens()
    {
        var seen = new SeenByRequests();
        using var api = Probed(new FlashSaleApiFactory(), seen);

        (await api.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OperatorOf(api).ListItemAsync(Ids.New("quiet"), stock: 1)).Status.ShouldBe(HttpStatusCode.Created);

        seen.Activities.ShouldAllBe(a => a == null);
        seen.AuthenticationPasses.ShouldAllBe(passed => !passed);
    }

    [Fact]
    public async Task a_request_is_traced_when_an_activity_listener_listens_and_its_latencies_carry_the_trace_as_exemplar()
    {
        var stopped = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) stopped.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
        var seen = new SeenByRequests();
        using var api = Probed(new FlashSaleApiFactory(), seen);
        var itemId = Ids.New("traced");
        (await OperatorOf(api).ListItemAsync(itemId, stock: 5)).Status.ShouldBe(HttpStatusCode.Created);

        (await api.CreateClient().PlaceOrderAsync(Ids.New("order"), itemId, "u-1")).Status.ShouldBe(HttpStatusCode.Created);

        seen.Activities.ShouldNotBeEmpty();
        seen.Activities.ShouldAllBe(a => a != null);
        lock (stopped) stopped.ShouldContain(a => a.OperationName == "Microsoft.AspNetCore.Hosting.HttpRequestIn");
        var scrape = await OpenMetricsAsync(api);
        scrape.ShouldContain(l => l.StartsWith("flashsale_request_duration_seconds_bucket", StringComparison.Ordinal) && l.Contains("trace_id="));
        scrape.ShouldContain(l => l.StartsWith("flashsale_order_processing_duration_seconds_bucket", StringComparison.Ordinal) && l.Contains("trace_id="));
        scrape.Where(l => l.StartsWith("flashsale_orders_", StringComparison.Ordinal)).ShouldAllBe(l => !l.Contains('#'));
    }

    [Fact]
    public async Task the_openmetrics_scrape_without_traces_has_no_exemplars_and_ends_as_the_format_requires()
    {
        using var api = new FlashSaleApiFactory();
        var itemId = Ids.New("plain");
        await api.ListItemAsync(itemId, stock: 5);
        (await api.PlaceOrderAsync(Ids.New("order"), itemId, "u-1")).Status.ShouldBe(HttpStatusCode.Created);

        var scrape = await OpenMetricsAsync(api);

        scrape[^1].ShouldBe("# EOF");
        scrape.Where(l => !l.StartsWith('#')).ShouldAllBe(l => !l.Contains('#'));
        scrape.ShouldContain(l => l.StartsWith("flashsale_orders_received_total ", StringComparison.Ordinal));
    }

    [Fact]
    public void authentication_applies_only_where_a_scheme_is_the_default_or_handles_requests()
    {
        using var api = new FlashSaleApiFactory();
        var schemes = api.Services.GetRequiredService<IAuthenticationSchemeProvider>();
        FlashSale.Api.Http.AccessPipeline.AuthenticationApplies(schemes).ShouldBeFalse();

        using var defaulted = api.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.Configure<AuthenticationOptions>(o => o.DefaultAuthenticateScheme = FlashSale.Api.Operators.OperatorKeyAuthentication.SchemeName)));
        FlashSale.Api.Http.AccessPipeline.AuthenticationApplies(defaulted.Services.GetRequiredService<IAuthenticationSchemeProvider>())
            .ShouldBeTrue();
    }

    private static async Task<string[]> OpenMetricsAsync(WebApplicationFactory<Program> api)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");
        using var answer = await api.CreateClient().SendAsync(request);
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        answer.Content.Headers.ContentType!.MediaType.ShouldBe("application/openmetrics-text");
        return (await answer.Content.ReadAsStringAsync()).TrimEnd('\n').Split('\n');
    }

    private static HttpClient OperatorOf(WebApplicationFactory<Program> api)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Add(ApiCalls.ApiKeyHeader, FlashSaleApiFactory.OperatorKey);
        return client;
    }

    private static WebApplicationFactory<Program> Probed(FlashSaleApiFactory api, SeenByRequests seen) =>
        api.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton(seen).AddTransient<IStartupFilter, Probe>()));

    private sealed class SeenByRequests
    {
        private readonly List<(Activity? Activity, bool Authenticated)> _seen = [];

        public IReadOnlyList<Activity?> Activities { get { lock (_seen) return [.. _seen.Select(s => s.Activity)]; } }

        public IReadOnlyList<bool> AuthenticationPasses { get { lock (_seen) return [.. _seen.Select(s => s.Authenticated)]; } }

        public void Add(Activity? activity, bool authenticated) { lock (_seen) _seen.Add((activity, authenticated)); }
    }

    /// <summary>Outermost middleware: the request's Activity as the hosting layer left it, and after the request whether
    /// the authentication middleware passed (it leaves its feature behind).</summary>
    private sealed class Probe(SeenByRequests seen) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (http, inner) =>
            {
                var activity = http.Features.Get<IHttpActivityFeature>()?.Activity ?? Activity.Current;
                await inner(http);
                seen.Add(activity, http.Features.Get<IAuthenticationFeature>() is not null);
            });
            next(app);
        };
    }

    private sealed class FailingPipeline : IStartupFilter
    {
        public const string Message = "the pipeline cannot be built";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => _ => throw new InvalidOperationException(Message);
    }
}
