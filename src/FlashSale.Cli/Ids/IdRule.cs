using System.CommandLine;
using System.CommandLine.Parsing;
using FlashSale.Contracts;

namespace FlashSale.Cli.Ids;

/// <summary>
/// Item, order and user ids given on the command line follow the API's rule (<see cref="EntityId"/>), checked while the
/// arguments are parsed: a bad id is a usage error (exit 2) naming the argument and the rule, found before any store is
/// opened, never an unknown item or order (exit 3) that could not have existed.
/// </summary>
public static class IdRule
{
    public static Argument<string> Id(this Argument<string> argument)
    {
        argument.Validators.Add(result => Check(result, argument.Name, result.GetValueOrDefault<string>()));
        return argument;
    }

    public static Option<T> Id<T>(this Option<T> option) where T : class?
    {
        option.Validators.Add(result =>
        {
            if (result.Implicit) return;
            Check(result, option.Name, result.GetValueOrDefault<string?>());
        });
        return option;
    }

    private static void Check(SymbolResult result, string name, string? value)
    {
        if (EntityId.Problem(name, value) is { } problem) result.AddError($"{problem} An id is 1-{EntityId.MaxBytes} bytes of ASCII letters, digits and {EntityId.AllowedPunctuation}, never '.' or '..', as in the API.");
    }
}
