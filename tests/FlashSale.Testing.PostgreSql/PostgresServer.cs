using System.Collections.Concurrent;
using Npgsql;

namespace FlashSale.Testing.PostgreSql;

/// <summary>
/// The PostgreSQL server of this test assembly: the one named by <c>FLASHSALE_TEST_POSTGRES</c> (a connection string),
/// else a throwaway server started here (<see cref="LocalPostgres"/>). Each test class gets its own database, each test
/// its own schema in it. No server is a failure, never a skip: CI runs these tests.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "FLASHSALE_TEST_POSTGRES";

    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new(StringComparer.Ordinal);
    private LocalPostgres? _local;
    private string _admin = "";

    public async Task InitializeAsync()
    {
        var given = Environment.GetEnvironmentVariable(EnvironmentVariable);
        try
        {
            if (string.IsNullOrWhiteSpace(given))
            {
                _local = await LocalPostgres.StartAsync();
                _admin = _local.ConnectionString;
            }
            else _admin = given;
            await using var connection = new NpgsqlConnection(_admin);
            await connection.OpenAsync();
        }
        catch (Exception ex)
        {
            if (_local is not null) await _local.DisposeAsync();
            throw new InvalidOperationException(
                $"The PostgreSQL tests have no server. Set {EnvironmentVariable} to a connection string, or install " +
                $"PostgreSQL (initdb and pg_ctl on PATH or under /usr/lib/postgresql/*/bin) so the tests can start one. {ex.Message}", ex);
        }
    }

    /// <summary>The database of <paramref name="testClass"/> (created on first use), for stores that name their own schema.</summary>
    public Task<string> DatabaseOfAsync(string testClass) =>
        _databases.GetOrAdd(testClass, c => new Lazy<Task<string>>(() => CreateDatabaseAsync(c))).Value;

    /// <summary>A fresh schema in the database of <paramref name="testClass"/>; the connection string puts it first
    /// on the search path, so the store creates its tables there.</summary>
    public async Task<string> CreateSchemaAsync(string testClass)
    {
        var database = await DatabaseOfAsync(testClass);
        var schema = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(database) { SearchPath = schema }.ToString();
    }

    private async Task<string> CreateDatabaseAsync(string testClass)
    {
        var name = $"flashsale_{new string([.. testClass.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(30)])}_{Guid.NewGuid():N}"[..58];
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(_admin) { Database = name }.ToString();
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            foreach (var database in _databases.Values.Where(d => d.IsValueCreated && d.Value.IsCompletedSuccessfully))
                await ExecuteAsync($"DROP DATABASE IF EXISTS {new NpgsqlConnectionStringBuilder(database.Value.Result).Database} WITH (FORCE)");
        }
        finally
        {
            if (_local is not null) await _local.DisposeAsync();
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
