using System.Threading.Tasks;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>
/// Holes whose source is bounded even though their syntax or name says little: values the same member also records
/// under a key the conventions build span names from, a connection's or connector's login name, query summaries.
/// </summary>
public class HighCardinalitySpanNameRecordedSourceTests
{
    private const string Scaffold = """
        #nullable enable
        using System.Diagnostics;

        static class Conventions
        {
            public const string DbOperationName = "db.operation.name";
            public const string MessagingDestinationName = "messaging.destination.name";
        }

        public sealed class PgConnector
        {
            public string Database { get; set; } = "orders";
            public string InferredUserName { get; set; } = "app";
            public string UserName { get; set; } = "app";
            public string LastCommandText { get; set; } = "";
        }

        public sealed class Command
        {
            public string Verb { get; set; } = "";
            public string Text { get; set; } = "";
        }

        """;

    private static Task VerifyAsync(string members) => Verify.VerifyAnalyzerAsync(Scaffold + """
        public sealed class Tracing
        {
            private static readonly ActivitySource Source = new("Driver");

        """ + members + """

        }
        """);

    [Fact]
    public Task A_value_also_recorded_under_a_span_name_key_is_bounded() => VerifyAsync("""
            public Activity? Execute(string operation, string label, string collection)
            {
                var activity = Source.StartActivity($"{operation} {collection}", ActivityKind.Client);
                activity?.SetTag("db.operation.name", operation);
                activity?.SetTag(Conventions.DbOperationName, operation);
                activity?.SetTag("db.collection.name", collection);
                return activity;
            }

            public Activity? Publish(string queueLabel)
            {
                var tags = new ActivityTagsCollection { { Conventions.MessagingDestinationName, queueLabel } };
                var activity = Source.StartActivity("publish " + queueLabel, ActivityKind.Producer, default(ActivityContext), tags);
                return activity;
            }

            public Activity? Run(Command command)
            {
                var activity = Source.StartActivity(command.Verb + " orders");
                activity?.SetTag("db.operation.name", command.Verb);
                return activity;
            }
            """);

    [Fact]
    public Task A_field_recorded_under_a_span_name_key_anywhere_in_the_type_is_bounded() => Verify.VerifyAnalyzerAsync(Scaffold + """
        public sealed class ChatScope
        {
            private static readonly ActivitySource Source = new("Chat");
            private string _operationLabel = "";
            private string _requestLabel = "";
            private Activity? _activity;

            public void Start() => _activity = Source.StartActivity(string.Concat(_operationLabel, " ", _requestLabel), ActivityKind.Client);

            private void RecordCommonAttributes()
            {
                _activity?.SetTag("gen_ai.operation.name", _operationLabel);
                _activity?.SetTag("gen_ai.request.model", _requestLabel);
            }
        }

        public sealed class OtherScope
        {
            private static readonly ActivitySource Source = new("Other");
            private string _requestLabel = "";

            public Activity? Start() => Source.StartActivity({|TRC101:string.Concat("chat ", _requestLabel)|});
        }
        """);

    [Fact]
    public Task A_value_recorded_under_another_key_or_another_value_under_the_key_is_still_reported() => VerifyAsync("""
            public Activity? Execute(string operation, string label, Command command)
            {
                var a = Source.StartActivity({|TRC101:$"{label} query"|});
                a?.SetTag("app.label", label);                           // not a key span names are built from
                a?.SetTag("db.operation.name", operation);               // another value under the key
                var b = Source.StartActivity({|TRC101:"run " + command.Text|});
                b?.SetTag("db.query.text", command.Text);                // high-cardinality key
                return a;
            }

            public Activity? Elsewhere(string label) => Source.StartActivity({|TRC101:"sync " + label|});

            public void Record(Activity activity, string label) => activity.SetTag("db.operation.name", label);  // another member
            """);

    [Fact]
    public Task Login_names_of_a_connection_or_connector_are_configuration() => VerifyAsync("""
            public Activity? Open(PgConnector connector)
            {
                var dbName = connector.Database ?? connector.InferredUserName;
                return Source.StartActivity("CONNECT " + dbName, ActivityKind.Client);
            }

            public Activity? Login(PgConnector connector) => Source.StartActivity($"LOGIN {connector.UserName}");

            public Activity? Last(PgConnector connector) => Source.StartActivity({|TRC101:"EXEC " + connector.LastCommandText|});
            """);

    [Fact]
    public Task A_query_summary_is_bounded_but_a_user_name_elsewhere_is_not() => VerifyAsync("""
            public Activity? Query(string querySummary, string summary, string userName)
            {
                var a = Source.StartActivity(querySummary + " (retry)");
                var b = Source.StartActivity($"{summary} batch");
                var c = Source.StartActivity({|TRC101:"login " + userName|});
                return a;
            }
            """);
}
