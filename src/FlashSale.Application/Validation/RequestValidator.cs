using System.Linq.Expressions;
using FluentValidation;

namespace FlashSale.Application.Validation;

/// <summary>
/// A validator of a request record whose failures name the fields as clients send them (camelCase JSON names): the
/// 400 body's <c>errors</c> keys and the <c>'{PropertyName}'</c> in messages. Set per rule rather than through
/// <c>ValidatorOptions.Global</c>, so no other validator in the process changes behaviour.
/// </summary>
public abstract class RequestValidator<TRequest> : AbstractValidator<TRequest>
{
    protected IRuleBuilderInitial<TRequest, TField> RuleForField<TField>(Expression<Func<TRequest, TField>> field) =>
        RuleFor(field).Configure(rule =>
        {
            var name = JsonName(rule.PropertyName);
            rule.PropertyName = name;
            rule.SetDisplayName(name);
        });

    public static string JsonName(string propertyName) => char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
