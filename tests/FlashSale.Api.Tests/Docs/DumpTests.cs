using FlashSale.Api.Tests.Fixtures;

namespace FlashSale.Api.Tests.Docs;

public sealed class DumpTests
{
    [Fact]
    public async Task dump()
    {
        using var api = new FlashSaleApiFactory();
        var text = await api.Buyer.GetStringAsync("/openapi/v1.json");
        await File.WriteAllTextAsync("/tmp/openapi-dump.json", text);
    }
}
