namespace FlashSale.Api.Tests.Health;

/// <summary>The projector's lease: the leader runs the projections.</summary>
public sealed class ProjectorRoleReadinessTests : RoleReadinessTests
{
    protected override string Role => "projector";

    protected override Dictionary<string, string?> WithRole(string instanceId) => new()
    {
        ["Projector:InstanceId"] = instanceId,
        ["Projector:LeaseRenewSeconds"] = "0.2",
        ["Projector:LeaseSeconds"] = "30",
    };

    protected override Dictionary<string, string?> WithoutRole => new() { ["Roles"] = "api,payments" };
}
