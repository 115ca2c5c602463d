using System.Collections.Concurrent;
using FlashSale.Payments;

namespace FlashSale.Application.Tests.Payments;

/// <summary>A gateway whose answers a test writes; it records every charge and status query it is asked.</summary>
internal sealed class ScriptedGateway : IPaymentGateway
{
    public Func<PaymentRequest, CancellationToken, Task<PaymentAttempt>> Charge { get; set; } =
        (request, _) => Task.FromResult<PaymentAttempt>(new PaymentAttempt.Confirmed($"psp-{request.OrderId}-{request.Retry}"));

    public Func<PaymentRequest, CancellationToken, Task<PaymentStatus>> Query { get; set; } =
        (_, _) => Task.FromResult<PaymentStatus>(new PaymentStatus.NotCharged());

    public ConcurrentQueue<PaymentRequest> Charges { get; } = new();

    public ConcurrentQueue<PaymentRequest> Queries { get; } = new();

    public Task<PaymentAttempt> ChargeAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Charges.Enqueue(request);
        return Charge(request, cancellationToken);
    }

    public Task<PaymentStatus> QueryAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Queries.Enqueue(request);
        return Query(request, cancellationToken);
    }

    /// <summary>A charge that waits until the test opens the gate, then answers <paramref name="answer"/>.</summary>
    public static Func<PaymentRequest, CancellationToken, Task<PaymentAttempt>> HeldUntil(Task gate, PaymentAttempt answer) =>
        async (_, cancellationToken) =>
        {
            await gate.WaitAsync(cancellationToken);
            return answer;
        };
}
