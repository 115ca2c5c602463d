using Microsoft.Extensions.Configuration;

namespace FlashSale.Hosting.Roles;

public enum ProcessRole { Api, Projector, Payments }

/// <summary>
/// What one process does (<c>Roles</c> / <c>--roles api,projector,payments</c>; all three when unset). The name is the
/// <c>service</c> field of every log line: "all", or the roles joined with '+' in a fixed order.
/// </summary>
public sealed class ProcessRoles
{
    public const string Key = "Roles";

    private static readonly ProcessRole[] Every = Enum.GetValues<ProcessRole>();

    private readonly HashSet<ProcessRole> _roles;

    private ProcessRoles(IEnumerable<ProcessRole> roles) => _roles = [.. roles];

    public static ProcessRoles All { get; } = new(Every);

    public bool Has(ProcessRole role) => _roles.Contains(role);

    public IReadOnlyCollection<ProcessRole> Roles => [.. Every.Where(_roles.Contains)];

    public string Name => _roles.Count == Every.Length
        ? "all"
        : string.Join('+', Roles.Select(r => r.ToString().ToLowerInvariant()));

    public static ProcessRoles From(IConfiguration configuration) =>
        TryParse(configuration[Key], out var roles, out _) ? roles : All;

    /// <summary>A comma-separated list of api, projector, payments (any case, spaces ignored); empty means all.</summary>
    public static bool TryParse(string? text, out ProcessRoles roles, out string error)
    {
        roles = All;
        error = "";
        if (string.IsNullOrWhiteSpace(text)) return true;
        var parsed = new List<ProcessRole>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<ProcessRole>(part, ignoreCase: true, out var role) || !Enum.IsDefined(role) || part.Any(char.IsDigit))
            {
                error = "a comma-separated list of api, projector, payments";
                return false;
            }
            parsed.Add(role);
        }
        roles = new ProcessRoles(parsed);
        return true;
    }

    public override string ToString() => Name;
}
