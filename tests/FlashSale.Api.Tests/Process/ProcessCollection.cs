namespace FlashSale.Api.Tests.Process;

/// <summary>Process tests start real servers and measure load: run them alone, not beside the in-memory tests.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "child processes";
}
