using System.Threading.Channels;
using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Domain;
using FlashSale.Domain.Items;
using FlashSale.EventStore;
using FlashSale.Subscriptions.Checkpoints;
using FlashSale.Subscriptions.Following;
using FlashSale.Subscriptions.Handling;
using FlashSale.Subscriptions.Status;
using Mediator;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FlashSale.Payments;

/// <summary>
/// Follows the log: charges every new reservation through the gateway (payment processor) and times out every
/// reservation whose payment window has passed (deadline sweeper). Everything it knows comes from the log, so a
/// restart picks up exactly where the log stands: no reservation is stranded by a crash.
/// </summary>
public sealed class PaymentsWorker : BackgroundService, ILogHandler
{
    public const string FollowerName = "payments";

    private readonly IMediator _mediator;
    private readonly IPaymentGateway _gateway;
    private readonly PaymentsOptions _options;
    private readonly PendingReservations _pending;
    private readonly TimeProvider _clock;
    private readonly ILogger<PaymentsWorker> _logger;
    private readonly LogFollower _follower;
    private readonly Channel<Reservation> _toCharge = Channel.CreateUnbounded<Reservation>();

    public PaymentsWorker(IEventStore store, IMediator mediator, IPaymentGateway gateway, PaymentsOptions options,
        PendingReservations pending, LogFollowers followers, TimeProvider clock, ILogger<PaymentsWorker> logger)
    {
        _mediator = mediator;
        _gateway = gateway;
        _options = options;
        _pending = pending;
        _clock = clock;
        _logger = logger;
        _follower = new LogFollower(FollowerName, store, new InMemoryCheckpoint(), this, new FollowerOptions
        {
            RetryDelay = TimeSpan.FromSeconds(1),
            MaxRetryDelay = TimeSpan.FromSeconds(1),
            FailUntilCaughtUp = true,
        }, clock, logger, followers);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var following = _follower.RunAsync(stoppingToken);
        await Task.WhenAny(_follower.CaughtUp, following);
        if (!_follower.CaughtUp.IsCompletedSuccessfully)
        {
            await following; // stopped, or failed before catching up: nothing may be charged or swept on half a log
            return;
        }
        var workers = _options.ProcessorEnabled
            ? Enumerable.Range(0, _options.Concurrency).Select(_ => ChargeLoopAsync(stoppingToken)).ToList()
            : [];
        workers.Add(SweepLoopAsync(stoppingToken));
        workers.Add(following);
        await Task.WhenAll(workers);
    }

    ValueTask ILogHandler.HandleAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        foreach (var received in batch.Events)
        {
            if (received.IsPoison) _logger.LogWarning("Payments skip unreadable event {Position}: {Error}", received.Position, received.Error);
            if (received.Event is not { } @event) continue;
            if (_pending.Apply(@event) is { } opened && batch.Live && _options.ProcessorEnabled) _toCharge.Writer.TryWrite(opened);
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>History is applied: charge what it left pending, before any live reservation.</summary>
    ValueTask ILogHandler.CaughtUpAsync(LogPosition? position, CancellationToken cancellationToken)
    {
        _logger.LogInformation("Payments caught up: {Count} reservations awaiting payment", _pending.Count);
        if (_options.ProcessorEnabled)
            foreach (var reservation in _pending.All) _toCharge.Writer.TryWrite(reservation);
        return ValueTask.CompletedTask;
    }

    private async Task ChargeLoopAsync(CancellationToken stoppingToken)
    {
        await foreach (var reservation in _toCharge.Reader.ReadAllAsync(stoppingToken).WithCancellation(stoppingToken))
        {
            if (!_pending.IsPending(reservation)) continue;
            try
            {
                await ChargeAsync(reservation, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Left pending: the sweeper releases it when its window closes.
                _logger.LogError(ex, "Charging order {OrderId} failed", reservation.OrderId);
            }
        }
    }

    private async Task ChargeAsync(Reservation reservation, CancellationToken stoppingToken)
    {
        var context = CommandContext.System("payment-processor") with { CausationId = reservation.OrderId };
        var attempt = await _gateway.ChargeAsync(
            new PaymentRequest(reservation.ItemId, reservation.OrderId, reservation.UserId, reservation.Quantity, reservation.Retry), stoppingToken);
        switch (attempt)
        {
            case PaymentAttempt.Confirmed confirmed:
                try
                {
                    await _mediator.Send(new ConfirmPaymentRequest(reservation.OrderId, confirmed.PaymentReference, context, reservation.ItemId), stoppingToken);
                }
                catch (DomainException ex) when (ex.Code is DomainErrors.PaymentTimedOut or DomainErrors.OrderDiscarded)
                {
                    _logger.LogWarning("Payment of order {OrderId} arrived after its window closed ({Code})", reservation.OrderId, ex.Code);
                }
                break;
            case PaymentAttempt.TimedOut:
                await _mediator.Send(new TimeOutPaymentRequest(reservation.ItemId, reservation.OrderId, TimeoutCauses.GatewayTimeout, context,
                    reservation.Retry), stoppingToken);
                break;
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(_options.SweepIntervalSeconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var due in _pending.DueAt(_clock.GetUtcNow()))
            {
                try
                {
                    var context = CommandContext.System("deadline-sweeper") with { CausationId = due.OrderId };
                    if (await _mediator.Send(new TimeOutPaymentRequest(due.ItemId, due.OrderId, TimeoutCauses.DeadlinePassed, context, due.Retry),
                        stoppingToken))
                        _logger.LogInformation("Reservation of order {OrderId} expired; stock released", due.OrderId);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    _logger.LogError(ex, "Timing out order {OrderId} failed; will retry", due.OrderId);
                }
            }
            if (!await Delay(interval, stoppingToken)) return;
        }
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
