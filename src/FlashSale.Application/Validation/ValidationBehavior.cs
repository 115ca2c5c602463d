using FluentValidation;
using FluentValidation.Results;
using Mediator;

namespace FlashSale.Application.Validation;

/// <summary>Runs every FluentValidation validator of a message before its handler; all failures are reported at once.</summary>
/// <remarks>Validators run synchronously and a valid message goes on to the handler without a frame of this behaviour:
/// every order passes through here, and FluentValidation's asynchronous path costs a task and a state machine per rule
/// (ADR 0027). A <see cref="RequestValidator{TRequest}"/> that admits the message by its own check is not run at all
/// (ADR 0030). A validator with an asynchronous rule refuses to run synchronously; it is remembered and run
/// asynchronously from then on, with the same outcome.</remarks>
public sealed class ValidationBehavior<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    private readonly (IValidator<TMessage> Validator, bool Async)[] _validators = [.. validators.Select(v => (v, false))];

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < _validators.Length; i++)
        {
            if (_validators[i].Validator is RequestValidator<TMessage> request && request.Admits(message)) continue;
            if (Volatile.Read(ref _validators[i].Async) || TryValidate(i, message) is not { } result)
                return ValidateAsync(i, message, next, cancellationToken);
            if (!result.IsValid) throw new ValidationException(result.Errors);
        }
        return next(message, cancellationToken);
    }

    private async ValueTask<TResponse> ValidateAsync(int from, TMessage message, MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        for (var i = from; i < _validators.Length; i++)
        {
            if (_validators[i].Validator is RequestValidator<TMessage> request && request.Admits(message)) continue;
            var result = (i > from && !Volatile.Read(ref _validators[i].Async) ? TryValidate(i, message) : null)
                ?? await _validators[i].Validator.ValidateAsync(message, cancellationToken);
            if (!result.IsValid) throw new ValidationException(result.Errors);
        }
        return await next(message, cancellationToken);
    }

    private ValidationResult? TryValidate(int index, TMessage message)
    {
        try
        {
            return _validators[index].Validator.Validate(message);
        }
        catch (AsyncValidatorInvokedSynchronouslyException)
        {
            Volatile.Write(ref _validators[index].Async, true);
            return null;
        }
    }
}
