using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace FlashSale.Hosting.Operators;

/// <summary>
/// The operator keys: a configured key (current or, during a rotation, previous) of fewer than
/// <see cref="MinKeyLength"/> characters or only spaces stops the start (exit 78 through <c>ConfigurationCheck</c>). An
/// empty <c>Operators:PreviousApiKey</c> means no rotation, so docker-compose can pass an unset variable through.
/// </summary>
public sealed class OperatorOptionsValidator : IValidateOptions<OperatorOptions>
{
    public const int MinKeyLength = 16;

    private static readonly string Hint = $"at least {MinKeyLength} characters, e.g. the output of 'openssl rand -hex 32'";

    public ValidateOptionsResult Validate(string? name, OperatorOptions options)
    {
        List<string> failures = [];
        // Empty or spaces: ConfigurationCheck names it as not set (outside Development) or a key is generated.
        if (!string.IsNullOrWhiteSpace(options.ApiKey) && options.ApiKey.Length < MinKeyLength)
            failures.Add($"Operators:ApiKey is too short: {Hint}.");
        if (options.PreviousApiKey is { Length: > 0 } previous && (string.IsNullOrWhiteSpace(previous) || previous.Length < MinKeyLength))
            failures.Add($"Operators:PreviousApiKey is too short or blank: the key being rotated out must be {Hint}; leave it empty when no rotation is under way.");
        if (failures.Count == 0 && options.PreviousApiKey is { Length: > 0 } && options.PreviousApiKey == options.ApiKey)
            failures.Add("Operators:PreviousApiKey equals Operators:ApiKey: set Operators:ApiKey to the new key and Operators:PreviousApiKey to the old one.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class OperatorOptionsServices
{
    /// <summary>The operator keys' options with their rules, validated on start: the API's and <c>config check</c>'s one registration.</summary>
    public static IServiceCollection AddOperatorOptions(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.Section).ValidateOnStart();
        return services;
    }
}
