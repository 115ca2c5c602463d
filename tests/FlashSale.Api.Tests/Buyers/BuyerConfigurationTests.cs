using System.Net;
using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Buyers;

/// <summary>A buyer mode without what it needs stops the start with a message naming the key.</summary>
public sealed class BuyerConfigurationTests
{
    private const string LongEnoughKey = "a-signing-key-of-thirty-two-bytes-or-more";

    public static TheoryData<string, string[]> Incomplete => new()
    {
        { "Authentication=ApiKey", ["Buyers:ApiKey"] },
        { "Authentication=ApiKey;ApiKey=short", ["Buyers:ApiKey", "16"] },
        { "Authentication=Jwt;Jwt:Issuer=i;Jwt:Audience=a", ["Buyers:Jwt:Authority", "Buyers:Jwt:SigningKey"] },
        { $"Authentication=Jwt;Jwt:SigningKey={LongEnoughKey};Jwt:Audience=a", ["Buyers:Jwt:Issuer"] },
        { $"Authentication=Jwt;Jwt:SigningKey={LongEnoughKey};Jwt:Issuer=i", ["Buyers:Jwt:Audience"] },
        { "Authentication=Jwt;Jwt:SigningKey=too-short;Jwt:Issuer=i;Jwt:Audience=a", ["Buyers:Jwt:SigningKey", "32"] },
        { $"Authentication=Jwt;Jwt:SigningKey={LongEnoughKey};Jwt:Authority=https://id.example;Jwt:Issuer=i;Jwt:Audience=a", ["exactly one"] },
        { "Authentication=Passwords", ["Buyers:Authentication"] },
    };

    [Theory]
    [MemberData(nameof(Incomplete))]
    public void an_incomplete_buyer_mode_stops_the_start_naming_the_key(string settings, string[] named)
    {
        using var api = new FlashSaleApiFactory(Settings(settings));

        var failure = Should.Throw<Exception>(() => api.CreateClient());

        foreach (var key in named) failure.ToString().ShouldContain(key);
    }

    [Fact]
    public async Task jwt_mode_with_an_identity_provider_starts_and_refuses_a_request_without_a_token()
    {
        using var api = new FlashSaleApiFactory(Settings("Authentication=Jwt;Jwt:Authority=https://id.example;Jwt:Audience=flashsale-api"));

        var answer = await api.Buyer.PlaceOrderAsync(Ids.New("order"), "any", "alice");

        answer.Status.ShouldBe(HttpStatusCode.Unauthorized, answer.ToString());
        answer.Code.ShouldBe("unauthorized");
    }

    private static Dictionary<string, string?> Settings(string pairs) => pairs.Split(';')
        .Select(p => p.Split('=', 2))
        .ToDictionary(p => "Buyers:" + p[0], p => (string?)p[1]);
}
