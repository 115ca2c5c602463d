using System.Xml.Linq;

namespace FlashSale.Architecture.Tests;

/// <summary>What one .csproj declares: the projects it references (by name) and the packages it uses.</summary>
public sealed record ProjectFile(string Name, IReadOnlyList<string> ProjectReferences, IReadOnlyList<string> PackageReferences)
{
    /// <param name="inheritedPackages">Packages the project gets from the Directory.Build.props files above it.</param>
    public static ProjectFile Parse(string name, XDocument project, IEnumerable<string>? inheritedPackages = null)
    {
        var items = project.Descendants().Where(e => e.Name.LocalName is "ProjectReference" or "PackageReference").ToList();
        var projects = items.Where(e => e.Name.LocalName == "ProjectReference" && e.Attribute("Include") is not null)
            .Select(e => NameOf(e.Attribute("Include")!.Value));
        var packages = items.Where(e => e.Name.LocalName == "PackageReference");
        var removed = packages.Select(e => e.Attribute("Remove")?.Value).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var used = (inheritedPackages ?? []).Concat(packages.Select(e => e.Attribute("Include")?.Value).OfType<string>())
            .Where(p => !removed.Contains(p));
        return new ProjectFile(name, [.. projects.Distinct()], [.. used.Distinct(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>A project's name is its file name: <c>..\FlashSale.Domain\FlashSale.Domain.csproj</c> is FlashSale.Domain.</summary>
    private static string NameOf(string path) => Path.GetFileNameWithoutExtension(path.Replace('\\', '/'));
}
