namespace FlashSale.Api.Docs;

/// <summary><c>Docs:Enabled</c>: the OpenAPI document (<c>/openapi/v1.json</c>) and the API reference page
/// (<c>/docs</c>) together, the page being of no use without the document. On in Development unless set.</summary>
public sealed class DocsOptions
{
    public const string Section = "Docs";

    public bool? Enabled { get; set; }

    public bool IsOn(IHostEnvironment environment) => Enabled ?? environment.IsDevelopment();
}
