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

    /// <summary>True only when every rule would pass for <paramref name="request"/>, checked without running them: the
    /// validation behaviour then skips the rule machinery (a context, a result and a closure per rule) for the request
    /// that is fine, which is nearly every request. False means "run the rules", never "invalid"; the default.</summary>
    public virtual bool Admits(TRequest request) => false;

    public static string JsonName(string propertyName) => char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
