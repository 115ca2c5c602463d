using FlashSale.LoadTest.Http;

namespace FlashSale.LoadTest.Recording;

/// <summary>What an answer meant to the buyer; latencies are reported per outcome.</summary>
public static class Outcomes
{
    /// <summary>A new order reserved (201).</summary>
    public const string Accepted = "accepted";

    /// <summary>A new order refused by the sale's rules (409 sold_out, per_user_limit, sale_not_active).</summary>
    public const string Rejected = "rejected";

    /// <summary>An order id sent again (a client retry), whatever it was answered.</summary>
    public const string Repeat = "repeat";

    /// <summary>A signed payment callback.</summary>
    public const string Confirm = "confirm";

    /// <summary>Anything else: other 4xx, 5xx, no answer.</summary>
    public const string Error = "error";

    public static readonly IReadOnlySet<string> DomainRejections = new HashSet<string> { "sold_out", "per_user_limit", "sale_not_active" };

    public static string OfNewOrder(HttpAnswer answer) => answer switch
    {
        { Status: 201 } => Accepted,
        { Status: 409 } when answer.Code is { } code && DomainRejections.Contains(code) => Rejected,
        _ => Error,
    };
}
