using System.Text.RegularExpressions;
using FlashSale.EventStore.EventStoreDb.Protocol;
using Options = FlashSale.EventStore.EventStoreDb.Protocol.ReadReq.Types.Options;

namespace FlashSale.EventStore.EventStoreDb.TestDouble;

/// <summary>The server's checks on a Read request (INVALID_ARGUMENT before reading anything) and its filters.</summary>
internal static class ReadValidation
{
    public static Options Validate(ReadReq request)
    {
        var options = request.Options ?? throw DoubleState.Invalid("Read needs options.");
        if (options.UuidOption is null || options.UuidOption.ContentCase == Options.Types.UUIDOption.ContentOneofCase.None)
            throw DoubleState.Invalid("Read needs a uuid_option.");
        if (options.CountOptionCase == Options.CountOptionOneofCase.None)
            throw DoubleState.Invalid("Read needs count or subscription.");
        if (options.FilterOptionCase == Options.FilterOptionOneofCase.None)
            throw DoubleState.Invalid("Read needs filter or no_filter.");
        switch (options.StreamOptionCase)
        {
            case Options.StreamOptionOneofCase.Stream:
                if (options.Stream.StreamIdentifier is null ||
                    options.Stream.RevisionOptionCase == Options.Types.StreamOptions.RevisionOptionOneofCase.None)
                    throw DoubleState.Invalid("A stream read needs a stream identifier and a revision option.");
                if (options.FilterOptionCase != Options.FilterOptionOneofCase.NoFilter)
                    throw DoubleState.Invalid("A stream read must use no_filter.");
                break;
            case Options.StreamOptionOneofCase.All:
                if (options.All.AllOptionCase == Options.Types.AllOptions.AllOptionOneofCase.None)
                    throw DoubleState.Invalid("An $all read needs a position, start or end.");
                break;
            default:
                throw DoubleState.Invalid("Read needs stream or all.");
        }
        if (options.FilterOptionCase == Options.FilterOptionOneofCase.Filter &&
            (options.Filter.FilterCase == Options.Types.FilterOptions.FilterOneofCase.None ||
             options.Filter.WindowCase == Options.Types.FilterOptions.WindowOneofCase.None))
            throw DoubleState.Invalid("A filter needs an expression and a window.");
        return options;
    }

    /// <summary>
    /// The server-side filter, or null for no_filter. As 23.10's <c>EventFilter</c>: a regex is .NET's, matched anywhere
    /// (<c>Regex.Match</c>, so anchor it), prefixes are ordinal; and every filter on $all first applies the server's default
    /// $all filter, which never passes <c>$epoch-information</c> nor the $all persistent subscriptions' checkpoint and
    /// parked streams, whatever the expression says.
    /// </summary>
    public static Func<StoredEvent, bool>? Matcher(Options options)
    {
        if (options.FilterOptionCase != Options.FilterOptionOneofCase.Filter) return null;
        var byStream = options.Filter.FilterCase == Options.Types.FilterOptions.FilterOneofCase.StreamIdentifier;
        var expression = byStream ? options.Filter.StreamIdentifier : options.Filter.EventType;
        Func<string, bool> test = string.IsNullOrEmpty(expression.Regex)
            ? value => expression.Prefix.Any(p => value.StartsWith(p, StringComparison.Ordinal))
            : new Regex(expression.Regex, RegexOptions.None, TimeSpan.FromSeconds(1)).IsMatch;
        return byStream ? e => DefaultAllFilter(e.Stream) && test(e.Stream) : e => DefaultAllFilter(e.Stream) && test(e.Type);
    }

    private static bool DefaultAllFilter(string stream) =>
        !stream.StartsWith('$') ||
        (stream != "$epoch-information" &&
         !(stream.StartsWith("$persistentsubscription-$all::", StringComparison.Ordinal) &&
           (stream.EndsWith("-checkpoint", StringComparison.Ordinal) || stream.EndsWith("-parked", StringComparison.Ordinal))));
}
