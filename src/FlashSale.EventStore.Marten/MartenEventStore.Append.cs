using System.Text;
using JasperFx.Events;
using Marten;
using Marten.Exceptions;
using Marten.Services;
using Npgsql;

namespace FlashSale.EventStore.Marten;

public sealed partial class MartenEventStore
{
    /// <summary>For tests: runs after Marten wrote the append (its sequence numbers drawn) and before the commit, so a
    /// test can hold a transaction open or roll it back (by throwing) on purpose. Null in production.</summary>
    internal Func<string, CancellationToken, Task>? BeforeCommit { get; set; }

    /// <summary>For tests: appends without the append lock, to show what the lock prevents.</summary>
    internal bool WithoutAppendLock { get; set; }

    /// <remarks>Every event's position is known from Marten's own answer, so it is answered whatever <paramref name="positions"/> asks
    /// (the port allows it): a writer then answers each command with its own events' positions.</remarks>
    public bool AnswersEveryAppendedPosition => true;

    public async Task<AppendResult> AppendAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        AppendPositions positions = AppendPositions.EachEvent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(streamId);
        if (events.Count == 0) throw new ArgumentException("An append needs at least one event.", nameof(events));

        var result = await Translate(() => AppendLockedAsync(streamId, expected, events, cancellationToken));
        if (result is AppendResult.Success) Interlocked.Exchange(ref _appended, NewSignal()).TrySetResult();
        return result;
    }

    private async Task<AppendResult> AppendLockedAsync(string streamId, ExpectedRevision expected, IReadOnlyList<EventData> events,
        CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (!WithoutAppendLock) await AppendLock.TakeAsync(connection, transaction, _settings.Schema, cancellationToken);
        await using var session = _store.LightweightSession(SessionOptions.ForTransaction(transaction, shouldAutoCommit: false));

        var state = await session.Events.FetchStreamStateAsync(streamId, cancellationToken);
        var current = state is null ? -1 : state.Version - 1;
        if (!expected.IsSatisfiedBy(current))
            return await RepeatedAppends.FindAsync(session, streamId, expected, current, events, cancellationToken)
                ?? (AppendResult)new AppendResult.WrongExpectedVersion(streamId, expected, current);

        var wrapped = events.Select(ToMarten).ToArray();
        var action = current < 0 ? session.Events.StartStream(streamId, wrapped) : session.Events.Append(streamId, wrapped);
        // Marten's own check as well (versions are 1-based): a writer that bypassed the lock still cannot slip in.
        if (current >= 0) action.ExpectedVersionOnServer = current + 1;
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            if (BeforeCommit is { } hook) await hook(streamId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (IsConcurrencyConflict(e))
        {
            return new AppendResult.WrongExpectedVersion(streamId, expected, await ReadRevisionAsync(streamId, cancellationToken));
        }
        var positions = action.Events.Select(e => LogPosition.At((ulong)e.Sequence)).ToArray();
        return new AppendResult.Success(current + events.Count, positions);
    }

    private async Task<long> ReadRevisionAsync(string streamId, CancellationToken cancellationToken)
    {
        await using var session = _store.QuerySession();
        var state = await session.Events.FetchStreamStateAsync(streamId, cancellationToken);
        return state is null ? -1 : state.Version - 1;
    }

    private static bool IsConcurrencyConflict(Exception e) => e switch
    {
        JasperFx.ConcurrencyException or global::Marten.Exceptions.ExistingStreamIdCollisionException or JasperFx.Events.ExistingStreamIdCollisionException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsConcurrencyConflict),
        _ => false,
    };

    private static Event<StoredEventBody> ToMarten(EventData e) =>
        new(new StoredEventBody(e.Type, Encoding.UTF8.GetString(e.Data.Span), Encoding.UTF8.GetString(e.Metadata.Span))) { Id = e.EventId };

    /// <summary>Driver failures become the port's store errors; a cancelled call stays a cancellation.</summary>
    private static async Task<T> Translate<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (NpgsqlException e) when (e.InnerException is TimeoutException)
        {
            throw new EventStoreTimeoutException($"The PostgreSQL event store did not answer in time: {e.Message}", e);
        }
        catch (NpgsqlException e) when (e is not PostgresException || e.IsTransient)
        {
            throw new EventStoreUnavailableException($"The PostgreSQL event store is unavailable: {e.Message}", e);
        }
    }
}
