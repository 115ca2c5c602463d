using FlashSale.Api.Http;
using FlashSale.Payments;
using FlashSale.Payments.Callbacks;

namespace FlashSale.Api.Payments;

/// <summary>Marks an endpoint whose caller must be the payment provider (a signed request).</summary>
public sealed class PaymentSignatureRequired;

public static class PaymentSignatureEndpoints
{
    public static TBuilder RequirePaymentSignature<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PaymentSignatureRequired());
}

/// <summary>
/// Checks the provider's signature over the raw body before the body is bound (the MAC covers the exact bytes), then
/// rewinds the body for the endpoint. A middleware rather than an endpoint filter because filters run after binding.
/// </summary>
public sealed class PaymentSignatureMiddleware(RequestDelegate next, CallbackSecret secret, PaymentsOptions options, TimeProvider clock)
{
    // Every other request passes straight through, without an async frame of its own.
    public Task InvokeAsync(HttpContext http) =>
        http.GetEndpoint()?.Metadata.GetMetadata<PaymentSignatureRequired>() is null ? next(http) : VerifyAsync(http);

    private async Task VerifyAsync(HttpContext http)
    {
        http.Request.EnableBuffering(JsonBody.MaxBytes);
        var body = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            // Too large for any callback: the body reader answers 413 as for every other endpoint.
            if (body.Length + read > JsonBody.MaxBytes) break;
            body.Write(chunk, 0, read);
        }
        http.Request.Body.Position = 0;
        if (read > 0)
        {
            await next(http);
            return;
        }

        var check = CallbackSignature.Verify(secret.Bytes, http.Request.Headers[CallbackSignature.HeaderName].FirstOrDefault(),
            body.GetBuffer().AsSpan(0, (int)body.Length), clock.GetUtcNow(), TimeSpan.FromSeconds(options.CallbackToleranceSeconds));
        if (check == SignatureCheck.Valid)
        {
            await next(http);
            return;
        }
        await Refuse(check).ExecuteAsync(http);
    }

    private static IResult Refuse(SignatureCheck check) => check switch
    {
        SignatureCheck.Missing => Problems.Create(StatusCodes.Status401Unauthorized, "Payment signature required",
            $"Payment callbacks must be signed by the payment provider: send '{CallbackSignature.HeaderName}: t=<unix seconds>,v1=<hex " +
            "HMAC-SHA256 of \"<t>.<body>\" with the callback secret>'.", "payment.signature_required"),
        SignatureCheck.OutsideTolerance => Problems.Create(StatusCodes.Status401Unauthorized, "Payment signature expired",
            "The signed timestamp is too far from the server's time; a provider signs each delivery anew.", "payment.signature_expired"),
        _ => Problems.Create(StatusCodes.Status401Unauthorized, "Payment signature invalid",
            $"The '{CallbackSignature.HeaderName}' header does not match the body and the callback secret.", "payment.signature_invalid"),
    };
}
