using System.Xml.Linq;

namespace FlashSale.Architecture.Tests;

/// <summary>The checker itself, on made-up project sets that break the rules: it has to be able to fail.</summary>
public sealed class ReferenceCheckerTests
{
    private static ProjectFile Project(string name, string[]? projects = null, string[]? packages = null) =>
        new(name, projects ?? [], packages ?? []);

    private static readonly ProjectFile[] GoodCore =
    [
        Project("FlashSale.Domain"),
        Project("FlashSale.EventStore"),
        Project("FlashSale.Contracts", ["FlashSale.Domain", "FlashSale.EventStore"]),
        Project("FlashSale.Application", ["FlashSale.Contracts", "FlashSale.Domain"], ["FluentValidation"]),
        Project("FlashSale.Projections", ["FlashSale.Domain", "FlashSale.EventStore"]),
        Project("FlashSale.ReadModels", ["FlashSale.Projections", "FlashSale.Contracts"]),
        Project("FlashSale.ReadModels.Sqlite", ["FlashSale.ReadModels"], ["Microsoft.Data.Sqlite"]),
        Project("FlashSale.EventStore.Sqlite", ["FlashSale.EventStore"], ["Microsoft.Data.Sqlite"]),
    ];

    private static IReadOnlyList<string> Check(params ProjectFile[] replacing) =>
        ReferenceChecker.Violations([.. GoodCore.Where(p => replacing.All(r => r.Name != p.Name)), .. replacing], ReferenceRules.All);

    [Fact]
    public void a_set_that_keeps_the_rules_has_no_violations() => Check().ShouldBeEmpty();

    [Fact]
    public void a_domain_with_any_reference_is_reported()
    {
        var violations = Check(Project("FlashSale.Domain", ["FlashSale.EventStore"], ["System.Text.Json"]));

        violations.ShouldBe(
        [
            "FlashSale.Domain references FlashSale.EventStore, but may reference only nothing: the domain is pure: decisions only, no I/O, no frameworks.",
            "FlashSale.Domain uses package System.Text.Json, but must use no packages: the domain is pure: decisions only, no I/O, no frameworks.",
        ]);
    }

    [Fact]
    public void a_read_side_project_referencing_the_command_path_is_reported()
    {
        var violations = Check(Project("FlashSale.ReadModels", ["FlashSale.Projections", "FlashSale.Application"]));

        violations.Count.ShouldBe(2, string.Join("\n", violations));
        violations.ShouldContain(v => v.StartsWith("FlashSale.ReadModels references FlashSale.Application, but may reference only", StringComparison.Ordinal));
        violations.ShouldContain(v => v.StartsWith("FlashSale.ReadModels.Sqlite depends on FlashSale.Application (FlashSale.ReadModels.Sqlite -> FlashSale.ReadModels -> FlashSale.Application)", StringComparison.Ordinal));
    }

    [Fact]
    public void a_read_model_store_reaching_the_command_path_through_the_projections_is_reported()
    {
        var violations = Check(Project("FlashSale.Projections", ["FlashSale.Domain", "FlashSale.Application"]));

        violations.ShouldContain(v => v.StartsWith("FlashSale.Projections references FlashSale.Application", StringComparison.Ordinal));
        violations.ShouldContain("FlashSale.ReadModels.Sqlite depends on FlashSale.Application (FlashSale.ReadModels.Sqlite -> FlashSale.ReadModels"
            + " -> FlashSale.Projections -> FlashSale.Application), and never may: a read-model store implements the read side's store port.");
    }

    [Fact]
    public void an_event_store_adapter_referencing_more_than_the_port_is_reported()
    {
        var violations = Check(Project("FlashSale.EventStore.Sqlite", ["FlashSale.EventStore", "FlashSale.Contracts"]));

        violations.ShouldHaveSingleItem().ShouldBe("FlashSale.EventStore.Sqlite references FlashSale.Contracts, but may reference only "
            + "FlashSale.EventStore: an event store adapter implements the port and knows nothing of the sale.");
    }

    [Fact]
    public void a_project_without_a_rule_is_reported() =>
        Check(Project("FlashSale.Reports", ["FlashSale.Domain"])).ShouldHaveSingleItem().ShouldStartWith("FlashSale.Reports has no reference rule");

    [Fact]
    public void project_references_are_named_by_file_and_removed_packages_do_not_count()
    {
        var project = ProjectFile.Parse("FlashSale.Sample", XDocument.Parse("""
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="..\..\src\FlashSale.Domain\FlashSale.Domain.csproj" />
                <PackageReference Include="Npgsql" />
                <PackageReference Remove="xunit" />
              </ItemGroup>
            </Project>
            """), inheritedPackages: ["xunit", "Shouldly"]);

        project.ProjectReferences.ShouldBe(["FlashSale.Domain"]);
        project.PackageReferences.ShouldBe(["Shouldly", "Npgsql"], ignoreOrder: true);
    }
}
