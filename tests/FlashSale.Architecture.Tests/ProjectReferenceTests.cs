namespace FlashSale.Architecture.Tests;

/// <summary>The repository's projects keep to the project map (CONTRIBUTING.md, "What may reference what").</summary>
public sealed class ProjectReferenceTests
{
    [Fact]
    public void every_project_under_src_and_projections_keeps_to_its_reference_rule()
    {
        var violations = ReferenceChecker.Violations(Repository.GovernedProjects, ReferenceRules.All);

        violations.ShouldBeEmpty("\n" + string.Join("\n", violations));
    }

    [Fact]
    public void the_rules_see_the_projects_as_they_are()
    {
        var projects = Repository.GovernedProjects.ToDictionary(p => p.Name);

        projects.Keys.ShouldContain("FlashSale.Domain");
        projects["FlashSale.Domain"].ShouldSatisfyAllConditions(
            d => d.ProjectReferences.ShouldBeEmpty(),
            d => d.PackageReferences.ShouldBeEmpty());
        projects["FlashSale.Application"].ProjectReferences.ShouldContain("FlashSale.Domain");
        projects["FlashSale.Application"].PackageReferences.ShouldContain("FluentValidation");
        projects["FlashSale.ReadModels"].ProjectReferences.ShouldContain("FlashSale.Projections");
        projects.Keys.ShouldNotContain(name => name.EndsWith(".Tests", StringComparison.Ordinal));
    }
}
