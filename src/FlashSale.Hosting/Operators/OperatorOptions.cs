namespace FlashSale.Hosting.Operators;

/// <summary>The operator API keys, as the API checks them at start and <c>flashsale config check</c> checks them before
/// a deployment (<see cref="OperatorOptionsValidator"/>).</summary>
public sealed class OperatorOptions
{
    public const string Section = "Operators";
    public const string HeaderName = "X-Api-Key";

    public string? ApiKey { get; set; }

    /// <summary>The key being rotated out: accepted beside <see cref="ApiKey"/> until every client has moved to it.</summary>
    public string? PreviousApiKey { get; set; }
}
