namespace FlashSale.Api.Tests.Health;

/// <summary>The payments processor's lease: the leader charges payments.</summary>
public sealed class PaymentsRoleReadinessTests : RoleReadinessTests
{
    protected override string Role => "payments";

    protected override Dictionary<string, string?> WithRole(string instanceId) => new()
    {
        ["Payments:ProcessorEnabled"] = "true",
        ["Payments:InstanceId"] = instanceId,
        ["Payments:LeaseRenewSeconds"] = "0.2",
        ["Payments:LeaseSeconds"] = "30",
    };

    protected override Dictionary<string, string?> WithoutRole => new() { ["Payments:Enabled"] = "false" };
}
