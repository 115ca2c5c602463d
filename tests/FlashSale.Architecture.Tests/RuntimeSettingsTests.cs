namespace FlashSale.Architecture.Tests;

/// <summary>The runtime settings the API's processes run with where the repository decides how they start (ADR 0024, 0027).</summary>
public sealed class RuntimeSettingsTests
{
    [Fact]
    public void the_image_runs_the_framework_compiled_on_first_use_not_from_its_precompiled_code()
    {
        // An environment variable only: the runtime does not read ReadyToRun from runtimeconfig.json.
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "Dockerfile"));
        var runtimeStage = dockerfile[dockerfile.LastIndexOf("FROM ", StringComparison.Ordinal)..];

        runtimeStage.ShouldContain("DOTNET_ReadyToRun=0");
    }

    [Fact]
    public void the_api_compiles_its_methods_optimized_on_first_call()
    {
        var project = File.ReadAllText(Path.Combine(Repository.Root, "src", "FlashSale.Api", "FlashSale.Api.csproj"));

        project.ShouldContain("<TieredCompilationQuickJit>false</TieredCompilationQuickJit>");
    }
}
