using Npgsql;

namespace FlashSale.ReadModels.PostgreSql;

/// <summary>Which Npgsql failures mean the server cannot be reached, as opposed to a statement it refused.</summary>
public static class PostgreSqlOutages
{
    public static bool IsOutage(Exception exception) => exception switch
    {
        // The server answered: only its "I am going away / cannot take you" codes are an outage.
        PostgresException server => server.SqlState.StartsWith("08", StringComparison.Ordinal)
            || server.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown
                or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections,
        // No answer: refused, reset, timed out, pool exhausted.
        NpgsqlException client => client.IsTransient,
        _ => false,
    };
}
