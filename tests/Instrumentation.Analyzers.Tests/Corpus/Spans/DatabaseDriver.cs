using System;
using System.Collections.Generic;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Corpus.Database;

public sealed class DriverTelemetryOptions
{
    public bool RecordStatements { get; set; }

    public string ServiceName { get; set; } = "orders-db";
}

/// <summary>A database driver's command pipeline, instrumented by hand.</summary>
public sealed class InstrumentedCommandRunner
{
    private static readonly ActivitySource Source = new("Corpus.Database", "1.0.0");
    private static long s_commandCounter;

    private readonly DbConnection _connection;
    private readonly DriverTelemetryOptions _options;
    private readonly string _databaseName;

    public InstrumentedCommandRunner(DbConnection connection, DbConnectionStringBuilder builder, DriverTelemetryOptions options)
    {
        _connection = connection;
        _options = options;
        _databaseName = (string)builder["Database"];
    }

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        // Bounded: the database comes from the connection string, one value per deployment.
        using var activity = Source.StartActivity("CONNECT " + _databaseName, ActivityKind.Client);
        activity?.SetTag("db.system.name", "postgresql");
        activity?.SetTag("server.address", _connection.DataSource);
        await _connection.OpenAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> ExecuteNonQueryAsync(DbCommand command, CancellationToken cancellationToken)
    {
        using var activity = Source.StartActivity($"{GetOperation(command.CommandText)} {_connection.Database}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true } && _options.RecordStatements)
        {
            activity.SetTag("db.query.text", command.CommandText);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<DbDataReader> ExecuteReaderAsync(DbCommand command, CancellationToken cancellationToken)
    {
        // The span is handed to the reader wrapper, but the await before that can throw: nothing ends it then.
        var activity = Source.StartActivity("SELECT " + _connection.Database, ActivityKind.Client); // expect: TRC201
        activity?.SetTag("db.namespace", _connection.Database);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return new TracingDataReader(reader, activity);
    }

    public async Task<DbDataReader> ExecuteReaderSafelyAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var activity = Source.StartActivity("SELECT " + _connection.Database, ActivityKind.Client);
        try
        {
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return new TracingDataReader(reader, activity);
        }
        catch (Exception exception)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity?.Dispose();
            throw;
        }
    }

    public object? ExecuteScalar(DbCommand command)
    {
        // The statement text in the span name: one name per query.
        using var activity = Source.StartActivity("EXEC " + command.CommandText, ActivityKind.Client); // expect: TRC101
        return command.ExecuteScalar();
    }

    public int ExecuteNumbered(DbCommand command)
    {
        var number = Interlocked.Increment(ref s_commandCounter);
        using var activity = Source.StartActivity($"command #{number}", ActivityKind.Client); // expect: TRC101
        return command.ExecuteNonQuery();
    }

    public void ExecuteBatch(IReadOnlyList<DbCommand> commands)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            using var activity = Source.StartActivity($"batch command {i}", ActivityKind.Client); // expect: TRC101
            commands[i].ExecuteNonQuery();
        }
    }

    public void Commit(DbTransaction transaction)
    {
        // Stopped at the end, but Commit() can throw first.
        var activity = Source.StartActivity("COMMIT " + _databaseName, ActivityKind.Client); // expect: TRC201
        transaction.Commit();
        activity?.Stop();
    }

    public void Rollback(DbTransaction transaction)
    {
        var activity = Source.StartActivity("ROLLBACK " + _databaseName, ActivityKind.Client);
        try
        {
            transaction.Rollback();
        }
        finally
        {
            activity?.Stop();
        }
    }

    public DataTable GetSchema(string collectionName)
    {
        // Bounded: a schema collection name is one of a handful ("Tables", "Columns"…).
        using var activity = Source.StartActivity($"schema {collectionName}", ActivityKind.Client);
        return _connection.GetSchema(collectionName);
    }

    public void Prepare(DbCommand command, Guid statementId)
    {
        using var activity = Source.StartActivity("PREPARE " + statementId, ActivityKind.Client); // expect: TRC101
        command.Prepare();
    }

    public void Ping()
    {
        Source.StartActivity($"{_options.ServiceName} ping", ActivityKind.Client); // expect: TRC201
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT 1";
        command.ExecuteScalar();
    }

    private static string GetOperation(string commandText)
    {
        var space = commandText.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? commandText : commandText.Substring(0, space);
    }
}

/// <summary>Ends the command span when the reader is disposed.</summary>
public sealed class TracingDataReader(DbDataReader inner, Activity? activity) : IDisposable
{
    public DbDataReader Inner { get; } = inner;

    public void Dispose()
    {
        Inner.Dispose();
        activity?.Dispose();
    }

    public static implicit operator DbDataReader(TracingDataReader reader) => reader.Inner;
}
