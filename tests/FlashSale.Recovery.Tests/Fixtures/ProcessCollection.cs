namespace FlashSale.Recovery.Tests.Fixtures;

/// <summary>Tests that start API processes and put them under load run alone, not beside each other.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessCollection
{
    public const string Name = "child processes";
}
