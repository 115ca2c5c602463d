using FlashSale.EventStore;
using Microsoft.Extensions.Logging;

namespace FlashSale.Application.CommandPath;

public sealed partial class ItemWriter
{
    private InFlight Launch(DecidedBatch batch)
    {
        if (batch.EventCount == 0) return new InFlight(batch, null);
        // Serialized here, appended off the writer's thread: the store's append is the longer stage, so deciding and
        // serializing the next batch overlaps it, even for a synchronous store.
        var chunks = batch.Serialize(_streamId, _options.MaxBatchBytes, !_store.AnswersEveryAppendedPosition);
        return new InFlight(batch, Task.Run(() => AppendAsync(batch, chunks)));
    }

    /// <summary>Appends the chunks in order, each after the one before. A chunk the store refuses as too large is split
    /// between commands and tried again, so only a command too large on its own fails, and only for its caller.</summary>
    private async Task<AppendProgress> AppendAsync(DecidedBatch batch, List<AppendChunk> chunks)
    {
        var progress = new AppendProgress(batch);
        for (var i = 0; i < chunks.Count; i++)
        {
            var chunk = chunks[i];
            AppendResult result;
            try
            {
                Interlocked.Increment(ref _appendCount);
                // The append's last position is enough (ADR 0023): a store that must read back for the others does not.
                result = await _store.AppendAsync(_streamId, ExpectedRevision.After(chunk.BaseRevision), chunk.Events, AppendPositions.LastEvent);
            }
            catch (AppendTooLargeException tooLarge)
            {
                if (chunk.Split(batch) is not var (first, second)) return progress.Stopped(chunk, tooLarge);
                _logger.AppendSplit(ItemId, chunk.EventCount);
                chunks[i] = second;
                chunks.Insert(i--, first);
                continue;
            }
            catch (Exception ex)
            {
                return progress.Stopped(ex);
            }
            if (result is AppendResult.WrongExpectedVersion conflict) return progress.Stopped(conflict);
            var success = (AppendResult.Success)result;
            // Content ids: the store can only have taken an append at these revisions as a repeat if these very events sit there.
            if (success.NextExpectedRevision != chunk.RevisionAfter)
                return progress.Stopped(new InvalidOperationException(
                    $"{_streamId} acknowledged a batch decided for revisions {chunk.BaseRevision + 1}-{chunk.RevisionAfter} at {success.NextExpectedRevision}."));
            // Its events' metadata says so when they share the last position: a fold answers them the same (ADR 0023).
            progress.Durable(chunk, chunk.AnsweredWithLastPosition ? [success.EventPositions[^1]] : success.EventPositions);
        }
        return progress;
    }

    /// <returns>Whether the batch was committed exactly as decided (so a batch decided on top of it still holds).</returns>
    private async Task<bool> FinishAsync(InFlight inFlight)
    {
        try
        {
            if (inFlight.Append is null)
            {
                Complete(inFlight.Batch, 0, inFlight.Batch.Commands.Count, []);
                return true;
            }
            var progress = await inFlight.Append;
            var rest = Settle(progress);
            if (progress.IsComplete) return true;
            if (progress.Conflict is not null)
            {
                ConflictCount++;
                _stale = true;
            }
            if (rest.Count > 0) await ProcessAsync(rest, attempt: progress.Conflict is null ? 1 : 2);
            return false;
        }
        catch (Exception ex)
        {
            Fail(inFlight.Batch.Commands, ex);
            return false;
        }
    }

    /// <summary>The careful path after a conflict: catch up, decide again, append, until it sticks or retries run out.</summary>
    private async Task ProcessAsync(List<PendingCommand> commands, int attempt)
    {
        while (commands.Count > 0)
        {
            if (_stale) await CatchUpAsync();
            var batch = DecideOnCurrentState(commands);
            if (batch.EventCount == 0)
            {
                Complete(batch, 0, batch.Commands.Count, []);
                return;
            }
            var progress = await AppendAsync(batch, batch.Serialize(_streamId, _options.MaxBatchBytes, !_store.AnswersEveryAppendedPosition));
            commands = Settle(progress);
            if (progress.Conflict is not { } conflict) continue;
            if (attempt >= _options.MaxConflictRetries)
                throw new ConcurrencyException($"Item '{ItemId}' kept changing under this writer; gave up after {attempt} attempts.");
            ConflictCount++;
            attempt++;
            _logger.AppendConflict(ItemId, conflict.ActualRevision, _revision);
            _stale = true;
        }
    }

    /// <summary>
    /// Takes in what of the batch is durable (the item is now a fold of the log up to it) and answers those callers; fails
    /// a command the store refused and, after a failure, every command whose outcome is unknown.
    /// </summary>
    /// <returns>The commands to decide again: those after a conflict or after a refused command.</returns>
    private List<PendingCommand> Settle(AppendProgress progress)
    {
        var batch = progress.Batch;
        _state = batch.StateAfter(progress.DurableCommands, _state);
        _revision = batch.BaseRevision + progress.DurableEvents;
        if (progress.DurableEvents > 0) _lastEventId = progress.LastEventId;
        Complete(batch, 0, progress.DurableCommands, progress.Positions);
        var next = progress.DurableCommands;
        if (progress.Refused is { } refused)
        {
            _logger.AppendTooLarge(ItemId, progress.TooLarge!.Message);
            batch.Commands[refused].Completion.TrySetException(progress.TooLarge);
            next = refused + 1;
        }
        var rest = batch.Commands.GetRange(next, batch.Commands.Count - next);
        if (progress.Failure is not { } failure) return rest;
        Fail(rest, failure);
        return [];
    }

    private void Fail(List<PendingCommand> commands, Exception ex)
    {
        // The store's state is unknown after a failure: reload before deciding anything else.
        _stale = true;
        _logger.AppendFailed(ex, commands.Count, ItemId);
        foreach (var pending in commands) pending.Completion.TrySetException(ex);
    }

    /// <summary>Answers commands [<paramref name="from"/>, <paramref name="to"/>) of the batch; <paramref name="positions"/>
    /// holds the position answered for each of the batch's events from its first (<see cref="AppendedPositions"/>).</summary>
    private void Complete(DecidedBatch batch, int from, int to, IReadOnlyList<LogPosition> positions)
    {
        for (var i = from; i < to; i++)
        {
            var decision = batch.Decisions[i];
            for (var e = 0; e < decision.Events.Length; e++) Record(decision.Events[e], positions[decision.FirstEvent + e]);
        }
        for (var i = from; i < to; i++)
        {
            var (pending, decision) = (batch.Commands[i], batch.Decisions[i]);
            if (decision.Error is not null)
            {
                pending.Completion.TrySetException(decision.Error);
                continue;
            }
            LogPosition? position = decision.Events.Length > 0 ? positions[decision.FirstEvent + decision.Events.Length - 1] : null;
            pending.Completion.TrySetResult(new CommandOutcome(decision.Events, decision.State, position, OrderPositionsOf(pending), RestockPositionOf(pending), decision.Records));
        }
    }

    private OrderPositions? OrderPositionsOf(PendingCommand pending) =>
        pending.Command is Domain.Items.OrderCommand c && _orderPositions.TryGetValue(c.OrderId, out var known) ? known : null;

    private LogPosition? RestockPositionOf(PendingCommand pending) =>
        pending.Command is Domain.Items.RestockItem { OperationId: { } id } && _restockPositions.TryGetValue(id, out var known) ? known : null;
}
