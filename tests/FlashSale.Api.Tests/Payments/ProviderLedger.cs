using System.Collections.Concurrent;
using FlashSale.Payments;

namespace FlashSale.Api.Tests.Payments;

/// <summary>One payment provider shared by several processes: money moves at most once per idempotency key, and every
/// charge call is recorded with the process that made it.</summary>
internal sealed class ProviderLedger
{
    private readonly ConcurrentDictionary<string, string> _charged = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Process, string Key)> Calls { get; } = new();

    public IReadOnlyCollection<string> ChargedKeys => [.. _charged.Keys];

    public IPaymentGateway GatewayFor(string process) => new Gateway(this, process);

    private sealed class Gateway(ProviderLedger ledger, string process) : IPaymentGateway
    {
        public Task<PaymentAttempt> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
        {
            ledger.Calls.Enqueue((process, request.IdempotencyKey));
            var reference = ledger._charged.GetOrAdd(request.IdempotencyKey, key => $"psp-{process}-{key}");
            return Task.FromResult<PaymentAttempt>(new PaymentAttempt.Confirmed(reference));
        }

        public Task<PaymentStatus> QueryAsync(PaymentRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<PaymentStatus>(ledger._charged.TryGetValue(request.IdempotencyKey, out var reference)
                ? new PaymentStatus.Charged(reference)
                : new PaymentStatus.NotCharged());
    }
}

/// <summary>A clock the test moves; timers stay real, so the processes' loops keep ticking.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
