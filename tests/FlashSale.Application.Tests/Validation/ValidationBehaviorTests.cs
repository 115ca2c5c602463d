using FlashSale.Application.Validation;
using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace FlashSale.Application.Tests.Validation;

/// <summary>Validators run before the handler, synchronously when their rules allow it, asynchronously when they do not,
/// with the same failures either way.</summary>
public sealed class ValidationBehaviorTests
{
    public sealed record Probe(string? Name) : ICommand<string>;

    private sealed class SyncRules : AbstractValidator<Probe>
    {
        public SyncRules() => RuleFor(p => p.Name).NotEmpty().WithMessage("name is required");
    }

    private sealed class AsyncRules : AbstractValidator<Probe>
    {
        public AsyncRules() => RuleFor(p => p.Name)
            .MustAsync(async (name, ct) => { await Task.Yield(); return name != "taken"; }).WithMessage("name is taken");
    }

    /// <summary>Counts which path the behaviour takes.</summary>
    private sealed class Counting(IValidator<Probe> inner) : IValidator<Probe>
    {
        public int Sync;
        public int Async;

        public ValidationResult Validate(Probe instance)
        {
            Sync++;
            return inner.Validate(instance);
        }

        public Task<ValidationResult> ValidateAsync(Probe instance, CancellationToken cancellation = default)
        {
            Async++;
            return inner.ValidateAsync(instance, cancellation);
        }

        public ValidationResult Validate(IValidationContext context) => inner.Validate(context);
        public Task<ValidationResult> ValidateAsync(IValidationContext context, CancellationToken cancellation = default) =>
            inner.ValidateAsync(context, cancellation);
        public IValidatorDescriptor CreateDescriptor() => inner.CreateDescriptor();
        public bool CanValidateInstancesOfType(Type type) => inner.CanValidateInstancesOfType(type);
    }

    private static ValueTask<string> Handler(Probe probe, CancellationToken _) => ValueTask.FromResult($"handled {probe.Name}");

    [Fact]
    public async Task synchronous_rules_are_run_synchronously_and_refuse_before_the_handler()
    {
        var counting = new Counting(new SyncRules());
        var behavior = new ValidationBehavior<Probe, string>([counting]);

        (await behavior.Handle(new Probe("alice"), Handler, default)).ShouldBe("handled alice");
        var refused = await Should.ThrowAsync<ValidationException>(async () => await behavior.Handle(new Probe(""), Handler, default));

        refused.Errors.Select(e => e.ErrorMessage).ShouldBe(["name is required"]);
        (counting.Sync, counting.Async).ShouldBe((2, 0));
    }

    [Fact]
    public async Task a_validator_with_an_asynchronous_rule_still_refuses_and_admits_every_time()
    {
        var behavior = new ValidationBehavior<Probe, string>([new SyncRules(), new AsyncRules()]);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var refused = await Should.ThrowAsync<ValidationException>(async () => await behavior.Handle(new Probe("taken"), Handler, default));
            refused.Errors.Select(e => e.ErrorMessage).ShouldBe(["name is taken"]);
            (await behavior.Handle(new Probe("free"), Handler, default)).ShouldBe("handled free");
        }
    }

    [Fact]
    public async Task the_first_validator_that_fails_reports_all_its_failures()
    {
        var behavior = new ValidationBehavior<Probe, string>([new SyncRules(), new AsyncRules()]);

        var refused = await Should.ThrowAsync<ValidationException>(async () => await behavior.Handle(new Probe(null), Handler, default));

        refused.Errors.Select(e => e.ErrorMessage).ShouldBe(["name is required"]);
    }
}
