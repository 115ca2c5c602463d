using System.Net;
using System.Text;
using FlashSale.Api.Tests.Fixtures;
using FlashSale.Domain.Items;
using FlashSale.Payments.Callbacks;

namespace FlashSale.Api.Tests.Payments;

/// <summary>Only the payment provider can mark an order paid: its callbacks are signed over timestamp + body.</summary>
public sealed class PaymentSignatureTests(FlashSaleApiFactory api) : IClassFixture<FlashSaleApiFactory>
{
    private const string Body = """{"paymentReference":"psp-signed"}""";

    public static TheoryData<string, string?, string> Forgeries => new()
    {
        { "no signature", null, "payment.signature_required" },
        { "an empty signature", "", "payment.signature_required" },
        { "garbage", "not-a-signature", "payment.signature_invalid" },
        { "no timestamp", "v1=" + new string('a', 64), "payment.signature_invalid" },
        { "no MAC", "t=1700000000", "payment.signature_invalid" },
        { "a MAC of another body", Sign("""{"paymentReference":"psp-other"}""", DateTimeOffset.UtcNow), "payment.signature_invalid" },
        { "a MAC with another secret", Sign(Body, DateTimeOffset.UtcNow, "another-secret-0123456789abcdefghij"), "payment.signature_invalid" },
        { "a replay from an hour ago", Sign(Body, DateTimeOffset.UtcNow.AddHours(-1)), "payment.signature_expired" },
        { "a timestamp an hour ahead", Sign(Body, DateTimeOffset.UtcNow.AddHours(1)), "payment.signature_expired" },
    };

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task a_callback_without_a_valid_signature_answers_401_and_marks_nothing_paid(string description, string? signature, string code)
    {
        var (itemId, orderId) = await ReservedOrderAsync();
        var head = await api.HeadAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/payment")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        if (signature is not null) request.Headers.TryAddWithoutValidation(CallbackSignature.HeaderName, signature);
        var answer = await HttpAnswer.ReadAsync(await api.Buyer.SendAsync(request));

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, $"{description}: {answer}");
        answer.MediaType.ShouldBe("application/problem+json");
        answer.Code.ShouldBe(code, description);
        (await api.HeadAsync()).ShouldBe(head);
        (await api.ReadItemAsync(itemId)).OfOrder<PaymentConfirmed>(orderId).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_signed_callback_confirms_the_payment_and_a_signature_rotated_in_alongside_is_accepted()
    {
        var (itemId, orderId) = await ReservedOrderAsync();
        var now = DateTimeOffset.UtcNow;
        var both = Sign(Body, now, "the-next-secret-0123456789abcdefghij") + "," + Sign(Body, now).Split(',')[1];

        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/orders/{orderId}/payment")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation(CallbackSignature.HeaderName, both);
        var answer = await HttpAnswer.ReadAsync(await api.Buyer.SendAsync(request));

        answer.Status.ShouldBe(HttpStatusCode.OK, answer.ToString());
        (await api.ReadItemAsync(itemId)).OfOrder<PaymentConfirmed>(orderId).ShouldHaveSingleItem().PaymentReference.ShouldBe("psp-signed");
    }

    [Fact]
    public void outside_development_a_missing_callback_secret_stops_the_start_naming_the_key()
    {
        using var production = new FlashSaleApiFactory(new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Payments:CallbackSecret"] = null,
        });

        var error = Should.Throw<Exception>(() => production.CreateClient());

        error.ToString().ShouldContain("Payments:CallbackSecret is required outside Development");
    }

    private async Task<(string ItemId, string OrderId)> ReservedOrderAsync()
    {
        var itemId = Ids.New("signed");
        await api.ListItemAsync(itemId, stock: 3);
        var orderId = Ids.New("order");
        (await api.PlaceOrderAsync(orderId, itemId, "payer")).Status.ShouldBe(HttpStatusCode.Created);
        return (itemId, orderId);
    }

    private static string Sign(string body, DateTimeOffset at, string secret = ApiCalls.CallbackSecret) =>
        CallbackSignature.Sign(Encoding.UTF8.GetBytes(secret), at.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body));
}
