using System.Text;
using FlashSale.Application.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Payments;
using FlashSale.Payments.Callbacks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static FlashSale.Application.Tests.Payments.PaymentsApp;

namespace FlashSale.Application.Tests.Payments;

/// <summary>The simulated gateway signs its confirmations as a provider signs its callbacks; the processor confirms a
/// payment only on a confirmation that verifies.</summary>
public sealed class SignedConfirmationTests : IDisposable
{
    private const string Secret = "signed-confirmation-secret-0123456789";
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task the_simulated_gateway_signs_a_confirmation_the_callback_endpoint_would_accept()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T10:00:00Z"));
        var options = new PaymentsOptions { TimeoutRate = 0, GatewayLatencyMs = 0, CallbackSecret = Secret };
        var signer = new CallbackSigner(new CallbackSecret(options, new ProductionEnvironment(), NullLogger<CallbackSecret>.Instance), options, clock);
        var gateway = new SimulatedPaymentGateway(options, signer);

        var confirmed = (await gateway.ChargeAsync(new PaymentRequest("item", "order", "alice", 1), CancellationToken.None))
            .ShouldBeOfType<PaymentAttempt.Confirmed>();

        var callback = confirmed.Callback.ShouldNotBeNull();
        CallbackSignature.Verify(Encoding.UTF8.GetBytes(Secret), callback.Signature, callback.Body, clock.GetUtcNow(), TimeSpan.FromMinutes(5))
            .ShouldBe(SignatureCheck.Valid);
        Encoding.UTF8.GetString(callback.Body).ShouldBe($$"""{"paymentReference":"{{confirmed.PaymentReference}}","itemId":"item"}""");
        signer.Confirms(callback, "item", confirmed.PaymentReference).ShouldBeTrue();
        signer.Confirms(callback, "other-item", confirmed.PaymentReference).ShouldBeFalse();
        signer.Confirms(callback with { Body = [.. callback.Body[..^2], (byte)'x', (byte)'}'] }, "item", confirmed.PaymentReference).ShouldBeFalse();
    }

    [Fact]
    public async Task a_confirmation_with_a_forged_signature_moves_nothing_the_gateway_does_not_confirm_itself()
    {
        var forged = new SignedCallback("""{"paymentReference":"psp-forged","itemId":"item"}"""u8.ToArray(), "t=1,v1=" + new string('0', 64));
        var gateway = new ScriptedGateway
        {
            Charge = (_, _) => Task.FromResult<PaymentAttempt>(new PaymentAttempt.Confirmed("psp-forged", forged)),
        };
        await using var app = await StartAsync(_database.Path, gateway);
        await app.ListItemAsync("item", stock: 1, paymentWindowSeconds: 60);
        await app.PlaceOrderAsync("order", "item", "alice");

        var log = await Until(app, "item", l => l.OfType<StockReleased>().Count == 1, "the reservation is released");

        log.OfType<PaymentConfirmed>().ShouldBeEmpty();
        gateway.Queries.ShouldHaveSingleItem().IdempotencyKey.ShouldBe("item/order/0");
    }

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } =
            new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
