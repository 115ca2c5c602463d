using FlashSale.Contracts;
using System.CommandLine;
using FlashSale.Application.CommandPath;
using FlashSale.Cli.Output;
using FlashSale.EventStore;
using FlashSale.Projections;
using FlashSale.ReadModels.Running;
using FlashSale.ReadModels.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Cli.Hosting;

/// <summary>How current a read model was when a command read it.</summary>
public sealed record ModelFreshness(string Projection, LogPosition? Checkpoint, LogPosition? Head, bool Behind, long EventsCaughtUp);

/// <summary>One command's services over the configured stores, with the read store initialised.</summary>
public sealed class CliSession : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly bool _catchUp;

    private CliSession(ServiceProvider services, CommandOutput output, bool catchUp)
    {
        _services = services;
        Output = output;
        _catchUp = catchUp;
    }

    public CommandOutput Output { get; }

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public static Task<CliSession> OpenAsync(ParseResult parseResult, GlobalOptions options, CommandOutput output,
        CancellationToken cancellationToken) =>
        OpenAsync(CliConfiguration.Build(parseResult.GetValue(options.DataDirectory)), !parseResult.GetValue(options.NoCatchUp), output, cancellationToken);

    public static async Task<CliSession> OpenAsync(IConfiguration configuration, bool catchUp, CommandOutput output,
        CancellationToken cancellationToken)
    {
        var services = await CliServices.BuildAsync(configuration);
        try
        {
            // The event log first: when it cannot be read, nothing else (readmodels.db) is created next to it.
            EventLogCheck.Open(services);
            await services.GetRequiredService<IReadModelStore>()
                .InitializeAsync(services.GetRequiredService<IReadOnlyList<IProjection>>(), cancellationToken);
            return new CliSession(services, output, catchUp);
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    public IProjection Projection(string name) => Get<IReadOnlyList<IProjection>>().Single(p => p.Name == name);

    /// <summary>Catches <paramref name="projection"/> up to the head (unless --no-catch-up) and says so when it is
    /// still behind the log, so an operator never mistakes an old model for the current one.</summary>
    public async Task<ModelFreshness> ReadModelAsync(string projection, CancellationToken cancellationToken)
    {
        var applied = _catchUp ? await Get<ProjectionCatchUp>().RunToHeadAsync(Projection(projection), cancellationToken) : 0;
        var checkpoint = (await Get<IReadModelStore>().ReadCheckpointAsync(projection, ReadModelSlot.Live, cancellationToken))?.Position;
        var events = Get<IEventStore>();
        var head = await events.ReadHeadPositionAsync(cancellationToken);
        var behind = await events.ReadAllAsync(checkpoint, 1, ItemStreams.Filter, cancellationToken).AnyAsync(cancellationToken);
        if (behind)
            Output.Note($"The {projection} read model is behind the log: it is at position {checkpoint?.ToToken() ?? "start"}, " +
                $"the log at {head?.ToToken() ?? "start"}{(_catchUp ? "" : " (--no-catch-up)")}.");
        return new ModelFreshness(projection, checkpoint, head, behind, applied);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
