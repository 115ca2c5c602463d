namespace FlashSale.Api.Logging;

/// <summary>
/// ASP.NET Core asks its <c>Microsoft.AspNetCore.Hosting.Diagnostics</c> logger whether Critical is on, on every
/// request, and if it is starts an Activity and a log scope for the request (for its own request lines, and for other
/// lines' scopes), whether or not anything records them. The same category carries the host's start-up errors
/// ("Application startup exception", Critical), so configuring it off would hide those. Once the host has started,
/// this logger answers Warning and above as enabled only where it logs the request lines (Information): the default
/// <c>Microsoft.AspNetCore: Warning</c> keeps the start-up errors and creates no per-request Activity or scope, while
/// an ActivityListener (tracing) or a DiagnosticListener still gets its Activity from the framework as before (ADR 0036).
/// </summary>
internal static class HostingDiagnostics
{
    public const string Category = "Microsoft.AspNetCore.Hosting.Diagnostics";

    public static WebApplicationBuilder GateHostingDiagnosticsAfterStart(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(ILoggerFactory));
        if (registered?.ImplementationType is not { } factoryType) return builder;
        var start = new HostStart();
        services.Remove(registered);
        services.Add(ServiceDescriptor.Singleton(factoryType, factoryType));
        services.AddSingleton<ILoggerFactory>(sp => new GatedLoggerFactory((ILoggerFactory)sp.GetRequiredService(factoryType), start));
        services.AddHostedService(_ => start);
        return builder;
    }

    /// <summary>Over when every hosted service has started, the web server included: the request pipeline is built by then.</summary>
    internal sealed class HostStart : IHostedLifecycleService
    {
        private volatile bool _over;

        public bool Over => _over;

        public Task StartedAsync(CancellationToken cancellationToken)
        {
            _over = true;
            return Task.CompletedTask;
        }

        public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The container's logger factory with the hosting category's logger gated; the container disposes the factory itself.</summary>
    private sealed class GatedLoggerFactory(ILoggerFactory factory, HostStart start) : ILoggerFactory
    {
        public ILogger CreateLogger(string categoryName)
        {
            var logger = factory.CreateLogger(categoryName);
            return categoryName == Category ? new GatedLogger(logger, start) : logger;
        }

        public void AddProvider(ILoggerProvider provider) => factory.AddProvider(provider);

        public void Dispose() { }
    }

    private sealed class GatedLogger(ILogger logger, HostStart start) : ILogger
    {
        public bool IsEnabled(LogLevel logLevel) =>
            logLevel >= LogLevel.Warning && start.Over
                ? logger.IsEnabled(LogLevel.Information) && logger.IsEnabled(logLevel)
                : logger.IsEnabled(logLevel);

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => logger.BeginScope(state);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logger.Log<TState>(logLevel, eventId, state, exception, formatter);
    }
}
