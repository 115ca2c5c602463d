using FlashSale.Api.Buyers;
using FlashSale.Api.Http;
using FlashSale.Api.Operators;
using FlashSale.Api.Payments;
using Microsoft.AspNetCore.Authorization;

namespace FlashSale.Api.Docs;

/// <summary>Who may call an endpoint under this process's configuration: the credentials that open it (any one of
/// <see cref="Alternatives"/>) and the problems a caller without them gets.</summary>
internal sealed record EndpointAccess(IReadOnlyList<string> Alternatives, IReadOnlyList<ProblemCodesMetadata> Problems)
{
    public const string OperatorKey = "OperatorKey";
    public const string BuyerApiKey = "BuyerApiKey";
    public const string BuyerJwt = "BuyerJwt";
    public const string PaymentSignature = "PaymentSignature";

    private static readonly ProblemCodesMetadata Unauthorized = new(StatusCodes.Status401Unauthorized, [BuyerAccess.UnauthorizedCode]);

    public static EndpointAccess Of(IReadOnlyList<object> metadata, BuyerAuthentication buyers)
    {
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToHashSet();
        var problems = new List<ProblemCodesMetadata>();
        var alternatives = new List<string>();
        var buyerScheme = buyers switch
        {
            BuyerAuthentication.ApiKey => BuyerApiKey,
            BuyerAuthentication.Jwt => BuyerJwt,
            _ => null,
        };
        if (policies.Contains(OperatorAccess.Policy)) alternatives.Add(OperatorKey);
        // None asks the buyer policies for nothing, so those endpoints are open: no credential, no 401.
        if (buyerScheme is not null && (policies.Contains(BuyerAccess.BuyerPolicy) || policies.Contains(BuyerAccess.OrderReaderPolicy)))
        {
            alternatives.Add(buyerScheme);
            if (policies.Contains(BuyerAccess.OrderReaderPolicy)) alternatives.Add(OperatorKey);
        }
        if (alternatives.Count > 0) problems.Add(Unauthorized);
        if (buyers == BuyerAuthentication.Jwt && metadata.OfType<UserMismatchMetadata>().Any())
            problems.Add(new(StatusCodes.Status403Forbidden, [BuyerAccess.UserMismatchCode]));
        if (metadata.OfType<PaymentSignatureRequired>().Any())
        {
            alternatives.Add(PaymentSignature);
            problems.Add(new(StatusCodes.Status401Unauthorized,
                ["payment.signature_required", "payment.signature_invalid", "payment.signature_expired"]));
        }
        return new EndpointAccess(alternatives, problems);
    }
}
