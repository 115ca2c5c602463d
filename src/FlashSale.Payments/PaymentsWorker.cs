using System.Threading.Channels;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Payments.Lease;
using FlashSale.Payments.Processing;
using FlashSale.Subscriptions.Checkpoints;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Handling;
using FlashSale.Subscriptions.Status;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FlashSale.Payments;

/// <summary>
/// Follows the log: while this process holds the payments lease, charges every new reservation through the gateway
/// (payment processor); in every payments process, times out every reservation whose payment window has passed (deadline
/// sweeper). Everything it
/// knows comes from the log, so a restart, or a standby taking over, picks up exactly where the log stands.
/// </summary>
public sealed class PaymentsWorker : BackgroundService, ILogHandler
{
    public const string FollowerName = "payments";

    private readonly PaymentProcessor _processor;
    private readonly DeadlineSweeper _sweeper;
    private readonly ProcessorLease _lease;
    private readonly PaymentsOptions _options;
    private readonly PendingReservations _pending;
    private readonly TimeProvider _clock;
    private readonly ILogger<PaymentsWorker> _logger;
    private readonly LogFollower _follower;
    private readonly Channel<Reservation> _toCharge = Channel.CreateUnbounded<Reservation>();
    // From the first moment of a stop (before the server drains) no charge starts; the one in progress finishes.
    private readonly CancellationToken _noNewCharges;

    private readonly IPersistedReservations? _persisted;
    private readonly IEventStore _store;

    public PaymentsWorker(IEventStore store, PaymentProcessor processor, DeadlineSweeper sweeper, ProcessorLease lease, PaymentsOptions options,
        PendingReservations pending, LogFollowers followers, TimeProvider clock, ILogger<PaymentsWorker> logger, IHostApplicationLifetime lifetime,
        IOptions<RestartOptions> restart, IPersistedReservations? persisted = null)
    {
        (_processor, _sweeper, _lease, _options, _pending, _clock, _logger) = (processor, sweeper, lease, options, pending, clock, logger);
        _noNewCharges = lifetime.ApplicationStopping;
        _store = store;
        _persisted = restart.Value.FromCheckpoints ? persisted : null;
        _follower = new LogFollower(FollowerName, store, new RestoredCheckpoint(RestoreAsync), this, new FollowerOptions
        {
            RetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            FailUntilCaughtUp = true,
        }, clock, logger, followers);
    }

    /// <summary>Starts from the persisted pending reservations: they are the state the whole log up to their checkpoint
    /// leaves (read in one snapshot with it), so charging and sweeping decide exactly as after a full replay.</summary>
    private async Task<LogPosition?> RestoreAsync(CancellationToken cancellationToken)
    {
        if (_persisted is null) return null;
        PersistedReservations? persisted;
        try
        {
            persisted = await _persisted.LoadAsync(cancellationToken);
            if (persisted is not null)
                await CheckpointOnLog.EnsureFollowableAsync(_store, "pending reservations", persisted.Position, persisted.At, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.PaymentsNotRestored(ex);
            return null; // correct, only slower: the whole log
        }
        if (persisted is null) return null;
        foreach (var reservation in persisted.Reservations) _pending.Restore(reservation);
        _logger.PaymentsRestored(persisted.Reservations.Count, persisted.Position.ToToken());
        return persisted.Position;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // On the thread pool: restoring reads the read store synchronously (SQLite), and the host must listen meanwhile.
        var following = Task.Run(() => _follower.RunAsync(stoppingToken), CancellationToken.None);
        await Task.WhenAny(_follower.CaughtUp, following);
        if (!_follower.CaughtUp.IsCompletedSuccessfully)
        {
            await following; // stopped, or failed before catching up: nothing may be charged or swept on half a log
            return;
        }
        var workers = _options.ProcessorEnabled
            ? [.. Enumerable.Range(0, _options.Concurrency).Select(_ => ChargeLoopAsync(stoppingToken)), LeaseLoopAsync(stoppingToken)]
            : new List<Task>();
        workers.Add(SweepLoopAsync(stoppingToken));
        workers.Add(following);
        await Task.WhenAll(workers);
    }

    /// <summary>A graceful stop gives the lease up so a standby takes over at once; a crash leaves it to expire.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await _lease.ReleaseAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LeaseReleaseFailed(ex);
        }
    }

    ValueTask ILogHandler.HandleAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        foreach (var received in batch.Events)
        {
            if (received.IsPoison) _logger.PaymentsEventUnreadable(received.Position.ToToken(), received.Error, received.Metadata?.CorrelationId);
            if (received.Event is not { } @event) continue;
            var correlationId = @event is StockReserved ? received.Metadata?.CorrelationId : null;
            if (_pending.Apply(@event, correlationId) is { } opened && batch.Live && _lease.IsHeld) Charge(opened);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>History is applied: charge what it left pending (when this process holds the lease), before any live reservation.</summary>
    ValueTask ILogHandler.CaughtUpAsync(LogPosition? position, CancellationToken cancellationToken)
    {
        _logger.PaymentsCaughtUp(_pending.Count);
        if (_lease.IsHeld) ChargeAllPending();
        return ValueTask.CompletedTask;
    }

    private async Task LeaseLoopAsync(CancellationToken stoppingToken)
    {
        var held = false;
        var interval = TimeSpan.FromSeconds(_options.LeaseRenewSeconds);
        do
        {
            var now = await _lease.TryHoldAsync(stoppingToken);
            if (now && !held)
            {
                _logger.PaymentsActive(_lease.Holder, _pending.Count);
                ChargeAllPending();
            }
            else if (!now && held)
                _logger.LeaseLost(_lease.Holder);
            held = now;
        } while (await Delay(interval, stoppingToken));
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(_options.SweepIntervalSeconds);
        // Every payments process sweeps, lease or not: a timeout is decided by the item's writer, so two sweepers release
        // a reservation once, and stock never waits for a takeover.
        do
        {
            await _sweeper.SweepAsync(stoppingToken);
        } while (await Delay(interval, stoppingToken));
    }

    private async Task ChargeLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var reservation in _toCharge.Reader.ReadAllAsync(stoppingToken).WithCancellation(stoppingToken))
        {
            // Left pending: the next holder of the lease charges it, or the sweeper releases it at its deadline.
            if (_noNewCharges.IsCancellationRequested) return;
            try
            {
                await _processor.ChargeAsync(reservation, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Left pending: the sweeper asks the gateway and releases it when its window closes.
                _logger.PaymentChargeFailed(ex, reservation.OrderId, reservation.ItemId, reservation.CorrelationId);
            }
        }
    }

    private void ChargeAllPending()
    {
        foreach (var reservation in _pending.All) Charge(reservation);
    }

    private void Charge(Reservation reservation)
    {
        if (_options.ProcessorEnabled) _toCharge.Writer.TryWrite(reservation);
    }

    private async Task<bool> Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _clock, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
