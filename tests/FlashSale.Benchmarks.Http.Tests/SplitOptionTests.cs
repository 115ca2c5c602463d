using FlashSale.Benchmarks.Http;

namespace FlashSale.Benchmarks.Http.Tests;

/// <summary><c>--split label</c>: that build runs as the production topology on one machine (an api process and a
/// projector,payments worker on one data directory); a label no <c>--api</c> has, or roles set for it, is refused.</summary>
public sealed class SplitOptionTests
{
    // Any file that exists stands for a build here: parsing only checks the path.
    private static readonly string Dll = typeof(SplitOptionTests).Assembly.Location;

    [Fact]
    public void only_the_named_build_is_split()
    {
        var options = BenchOptions.Parse(["--api", $"one={Dll}", "--api", $"two={Dll}", "--split", "two"], Dll);

        options.Apis.Single(a => a.Label == "one").Split.ShouldBeFalse();
        options.Apis.Single(a => a.Label == "two").Split.ShouldBeTrue();
    }

    [Fact]
    public void a_split_of_a_label_no_api_has_is_refused_by_name() =>
        Should.Throw<ArgumentException>(() => BenchOptions.Parse(["--api", $"one={Dll}", "--split", "tow"], Dll))
            .Message.ShouldContain("--split names tow");

    [Fact]
    public void a_split_build_takes_no_roles_of_its_own() =>
        Should.Throw<ArgumentException>(() => BenchOptions.Parse(["--api", $"one={Dll}", "--split", "one", "--env", "one:Roles=api"], Dll))
            .Message.ShouldContain("takes no --env one:Roles");
}
