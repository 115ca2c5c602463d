using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Application.Validation;
using FluentValidation;
using Mediator;

namespace FlashSale.Application.Tests.Validation;

/// <summary>A request validator may admit a request by its own check, without running its rules (ADR 0030): the check
/// must agree with the rules, and an admitted request must not pay for them.</summary>
public sealed class AdmittedRequestTests
{
    public sealed record Probe(string? Name) : ICommand<string>;

    private sealed class AdmitsNamed : RequestValidator<Probe>
    {
        public int RulesRun;

        public AdmitsNamed() => RuleForField(p => p.Name).Must(name =>
        {
            RulesRun++;
            return !string.IsNullOrEmpty(name);
        }).WithMessage("'{PropertyName}' is required.");

        public override bool Admits(Probe request) => request.Name is { Length: > 0 };
    }

    private static ValueTask<string> Handler(Probe probe, CancellationToken _) => ValueTask.FromResult($"handled {probe.Name}");

    [Fact]
    public async Task an_admitted_request_reaches_the_handler_without_its_rules_and_a_refused_one_gets_their_failures()
    {
        var validator = new AdmitsNamed();
        var behavior = new ValidationBehavior<Probe, string>([validator]);

        (await behavior.Handle(new Probe("alice"), Handler, default)).ShouldBe("handled alice");
        validator.RulesRun.ShouldBe(0);

        var refused = await Should.ThrowAsync<ValidationException>(async () => await behavior.Handle(new Probe(""), Handler, default));
        refused.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ShouldBe([("name", "'name' is required.")]);
        validator.RulesRun.ShouldBe(1);
    }

    public static TheoryData<string?, string?, string?, int?> Orders() => new()
    {
        { "order-1", "item-1", "user-1", 1 },
        { "o:1@x~y.z_-", "i", "u", int.MaxValue },
        { new string('a', 128), "item", "user", 2 },
        { new string('a', 129), "item", "user", 1 },
        { null, "item", "user", 1 },
        { "", "item", "user", 1 },
        { "order", null, "user", 1 },
        { "order", "item", null, 1 },
        { "order", "item", "", 1 },
        { ".", "item", "user", 1 },
        { "order", "..", "user", 1 },
        { "ord er", "item", "user", 1 },
        { "order", "caf\u00e9", "user", 1 },
        { "order", "item", "user\ud800", 1 },
        { "order", "item", "user", null },
        { "order", "item", "user", 0 },
        { "order", "item", "user", -5 },
        { "order", "item", "user", int.MinValue },
    };

    [Theory]
    [MemberData(nameof(Orders))]
    public void the_order_validator_admits_exactly_the_orders_its_rules_pass(string? orderId, string? itemId, string? userId, int? quantity)
    {
        var validator = new PlaceOrderValidator();
        var request = new PlaceOrderRequest(orderId, itemId, userId, quantity, new CommandContext("c", "r", "a"));

        validator.Admits(request).ShouldBe(validator.Validate(request).IsValid);
    }
}
