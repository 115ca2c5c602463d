using FlashSale.Application.CommandPath;
using FlashSale.Application.Orders;
using FlashSale.Application.Validation;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FlashSale.Application.Tests.Validation;

/// <summary>Validation failures name the JSON fields clients send, without configuring FluentValidation for the whole process.</summary>
public sealed class FieldNameTests
{
    private static readonly Type[] Validators = [.. typeof(ApplicationServices).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsAssignableTo(typeof(IValidator)))];

    [Fact]
    public void a_validator_made_without_the_write_side_reports_json_field_names()
    {
        var result = new PlaceOrderValidator().Validate(new PlaceOrderRequest(null, null, "", null, CommandContext.System("test")));

        result.Errors.Select(e => e.PropertyName).ShouldBe(["orderId", "itemId", "userId", "quantity"], ignoreOrder: true);
        result.Errors.Single(e => e.PropertyName == "orderId").ErrorMessage.ShouldBe("'orderId' is required.");
    }

    [Fact]
    public void adding_the_write_side_leaves_fluent_validation_global_options_alone()
    {
        var (propertyNames, displayNames) = (ValidatorOptions.Global.PropertyNameResolver, ValidatorOptions.Global.DisplayNameResolver);

        new ServiceCollection().AddFlashSaleWriteSide(new ConfigurationBuilder().Build());

        ValidatorOptions.Global.PropertyNameResolver.ShouldBeSameAs(propertyNames);
        ValidatorOptions.Global.DisplayNameResolver.ShouldBeSameAs(displayNames);
    }

    [Fact]
    public void every_request_validator_names_each_rule_by_its_json_field()
    {
        Validators.ShouldNotBeEmpty();
        foreach (var type in Validators)
        {
            type.BaseType!.GetGenericTypeDefinition().ShouldBe(typeof(RequestValidator<>), $"{type.Name} should derive from RequestValidator");
            var rules = (IEnumerable<IValidationRule>)Activator.CreateInstance(type)!;
            foreach (var rule in rules)
                rule.PropertyName.ShouldBe(RequestValidator<object>.JsonName(rule.PropertyName),
                    $"{type.Name}: use RuleForField, not RuleFor, so the error names the JSON field");
        }
    }
}
