using System.Threading.RateLimiting;
using FlashSale.Api.Http;
using Microsoft.Extensions.Options;

namespace FlashSale.Api.Limits;

/// <summary>
/// The global concurrency limit: every request but the probes holds a permit while it runs; beyond the limit (and its
/// queue) it is shed with 503 <c>overloaded</c> and <c>Retry-After: 1</c>. One limiter, owned here: what the framework's
/// rate-limiting middleware did with a partitioned limiter of one partition, without the partition lookup (a lock and a
/// dictionary) and the middleware's endpoint-policy checks on every request, none of which this API uses (ADR 0030).
/// </summary>
internal sealed class ConcurrencyAdmission : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly RateLimitRejections _rejections;

    public ConcurrencyAdmission(IOptions<RateLimitingOptions> options, RateLimitRejections rejections)
    {
        var limit = options.Value.Concurrency;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            QueueLimit = limit.QueueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _rejections = rejections;
    }

    public Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        // Health and metrics stay answerable under overload: that is when they are needed.
        if (IsProbe(http.Request.Path)) return RunAsync(http, next, lease: null);
        var lease = _limiter.AttemptAcquire();
        return lease.IsAcquired ? RunAsync(http, next, lease) : QueueAsync(http, next, lease);
    }

    /// <summary>The request with its permit, then the problem body of a bare error status (<see cref="ErrorAnswers"/>):
    /// both wrap the endpoint, so one asynchronous frame does both, in the order the two middleware had (ADR 0037).</summary>
    private static Task RunAsync(HttpContext http, RequestDelegate next, RateLimitLease? lease)
    {
        Task running;
        try
        {
            running = next(http);
        }
        catch
        {
            lease?.Dispose();
            throw;
        }
        if (!running.IsCompletedSuccessfully) return AwaitAsync(http, running, lease);
        lease?.Dispose();
        return ErrorAnswers.AnswerIfBareAsync(http);
    }

    private static async Task AwaitAsync(HttpContext http, Task running, RateLimitLease? lease)
    {
        using (lease) await running;
        await ErrorAnswers.AnswerIfBareAsync(http);
    }

    private async Task QueueAsync(HttpContext http, RequestDelegate next, RateLimitLease refused)
    {
        refused.Dispose();
        RateLimitLease lease;
        try
        {
            lease = await _limiter.AcquireAsync(1, http.RequestAborted);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The caller left while queued: nobody to answer.
            return;
        }
        if (lease.IsAcquired)
        {
            await RunAsync(http, next, lease);
            return;
        }
        lease.Dispose();
        _rejections.Record(AdmissionLimit.Concurrency);
        http.Response.Headers.RetryAfter = "1";
        await Problems.Create(StatusCodes.Status503ServiceUnavailable, "Overloaded",
            "The service is at its concurrency limit; retry shortly (with the same order id).", AdmissionLimits.OverloadedCode)
            .ExecuteAsync(http);
    }

    private static bool IsProbe(PathString path) =>
        path.StartsWithSegments("/health") || path.StartsWithSegments("/metrics");

    public void Dispose() => _limiter.Dispose();
}
