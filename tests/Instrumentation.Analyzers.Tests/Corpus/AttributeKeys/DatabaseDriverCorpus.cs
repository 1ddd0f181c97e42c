namespace Instrumentation.Analyzers.Tests.Corpus.AttributeKeys;

/// <summary>
/// A PostgreSQL driver's tracing, in the shape such drivers have: a tags helper passed to StartActivity, a static
/// class of key names (its own keys under db.&lt;driver&gt;.*), old keys kept behind a compatibility switch, tags cleared
/// with SetTag(key, null). Expected diagnostics are written on the line they belong to: <c>// expect: TRCnnn</c>,
/// with <c>(info)</c> for the informational rules.
/// </summary>
internal static class DatabaseDriverCorpus
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;

        namespace Pgx.Tracing;

        public sealed class PgxTracingOptions
        {
            public bool EmitOldAttributes { get; set; }
            public bool RecordStatement { get; set; } = true;
        }

        internal static class PgxKeys
        {
            public const string ConnectionId = "db.pgx.connection_id";
            public const string Prepared = "db.pgx.prepared";
            public const string LegacyName = "db.name";
            public static readonly string BatchSize = "db.operation.batch.size";
            public static readonly string Statement = "db.query.txt";
        }

        internal sealed class PgxCommandTracer(PgxTracingOptions options)
        {
            internal static readonly ActivitySource Source = new("Pgx", "8.0.0");

            public Activity? Start(string database, string host, int port, string sql, bool prepared, int connectionId, int batchSize)
            {
                var activity = Source.StartActivity("postgresql", ActivityKind.Client, default(ActivityContext), BuildTags(database, host, port)); // expect: TRC301
                if (activity is null || !activity.IsAllDataRequested)
                {
                    return activity;
                }

                activity.SetTag(PgxKeys.ConnectionId, connectionId); // expect: TRC304 (info)
                activity.SetTag(PgxKeys.Prepared, prepared); // expect: TRC304 (info)
                if (batchSize > 1)
                {
                    activity.SetTag(PgxKeys.BatchSize, batchSize);
                }

                if (options.RecordStatement)
                {
                    activity.SetTag("db.query.text", sql);
                    activity.SetTag(PgxKeys.Statement, sql); // expect: TRC302
                }

                if (options.EmitOldAttributes)
                {
                    activity.SetTag(PgxKeys.LegacyName, database); // expect: TRC301 (info)
                    activity.SetTag("db.statement", sql); // expect: TRC301 (info)
                    activity.SetTag("db.user", "app"); // expect: TRC305 (info)
                }

                return activity;
            }

            public static void Completed(Activity? activity, long rows, string? sqlState)
            {
                activity?.SetTag("db.response.returned_rows", rows);
                activity?.SetTag("db.response.status_code", sqlState);
                activity?.SetTag("db.pgx.rows_affected", rows); // expect: TRC304 (info)
                activity?.SetTag("error.type", sqlState is null ? null : "PostgresException");
            }

            // A pooled connection's activity is reused for the next command: clear what the last one recorded.
            public static void Reset(Activity activity)
            {
                activity.SetTag(PgxKeys.ConnectionId, null);
                activity.SetTag("db.statement", null);
                activity.SetTag(PgxKeys.LegacyName, null);
            }

            private static List<KeyValuePair<string, object?>> BuildTags(string database, string host, int port)
            {
                var tags = new List<KeyValuePair<string, object?>>(5)
                {
                    new("db.system", "postgresql"),
                    new("db.namespace", database),
                    new("server.address", host),
                };
                if (port != 5432)
                {
                    tags.Add(new("server.port", port));
                }

                return tags;
            }
        }
        """;
}
