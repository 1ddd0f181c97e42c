using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.HighCardinalitySpanNameAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC101;

/// <summary>
/// A hole is judged by where its value comes from: configuration and code metadata are bounded, ids, GUIDs,
/// timestamps, counters and loop indices are not. Locals are followed one step.
/// </summary>
public class HighCardinalitySpanNameSourceTests
{
    private const string Scaffold = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Data.Common;
        using System.Diagnostics;
        using System.Reflection;
        using System.Runtime.CompilerServices;
        using System.Threading;

        public sealed class DriverOptions
        {
            public string DatabaseName { get; set; } = "orders";
            public string ServiceName { get; set; } = "orders-db";
            public List<string> Queues { get; } = new();
        }

        public interface IOptions<out T> { T Value { get; } }

        public sealed class Message
        {
            public string Topic { get; set; } = "";
            public string MessageId { get; set; } = "";
            public string Body { get; set; } = "";
        }

        """;

    private static Task VerifyAsync(string members, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected) => Verify.VerifyAnalyzerAsync(Scaffold + """
        public sealed class Driver
        {
            private static readonly ActivitySource Source = new("Driver");
            private static int s_sequence;
            private readonly DriverOptions _options;
            private readonly IOptions<DriverOptions> _monitored;
            private readonly DbConnection _connection;
            private readonly DbConnectionStringBuilder _builder;
            private readonly string _databaseName;
            private string _lastQuery = "";

            public Driver(DriverOptions options, IOptions<DriverOptions> monitored, DbConnection connection, DbConnectionStringBuilder builder)
            {
                _options = options;
                _monitored = monitored;
                _connection = connection;
                _builder = builder;
                _databaseName = options.DatabaseName;
            }

            public string ServiceName { get; } = "orders-db";

        """ + members + """

        }
        """, expected);

    [Fact]
    public Task Configuration_is_bounded() => VerifyAsync("""
            public void Open(string connectionString)
            {
                using var a = Source.StartActivity("CONNECT " + _databaseName);
                using var b = Source.StartActivity($"CONNECT {_options.DatabaseName}");
                using var c = Source.StartActivity($"CONNECT {_monitored.Value.ServiceName}");
                using var d = Source.StartActivity("CONNECT " + _connection.Database);
                using var e = Source.StartActivity($"CONNECT {_connection.DataSource}/{_connection.Database}");
                using var f = Source.StartActivity("CONNECT " + _builder["Database"]);
                using var g = Source.StartActivity($"{ServiceName} connect");
                var databaseName = _connection.Database;
                using var h = Source.StartActivity("CONNECT " + databaseName);
                foreach (var queue in _options.Queues)
                {
                    using var i = Source.StartActivity($"{queue} receive");
                }
            }
        """);

    [Fact]
    public Task Code_metadata_is_bounded() => VerifyAsync("""
            public void Execute<T>(MethodInfo method, [CallerMemberName] string caller = "", [CallerLineNumber] int line = 0)
            {
                using var a = Source.StartActivity("Driver." + nameof(Execute));
                using var b = Source.StartActivity($"Driver.{method.Name}");
                using var c = Source.StartActivity($"{MethodBase.GetCurrentMethod()!.Name} call");
                using var d = Source.StartActivity($"{typeof(T).Name}.load");
                using var e = Source.StartActivity("Driver." + caller);
                using var f = Source.StartActivity($"{GetType().Name}.{caller}:{line}");
                var name = method.DeclaringType!.Name + "." + method.Name;
                using var g = Source.StartActivity($"invoke {name}");
            }
        """);

    [Fact]
    public Task Semantic_convention_name_parts_are_bounded() => VerifyAsync("""
            public void Send(Message message, string operationName, string queueName, string httpMethod, string model)
            {
                using var a = Source.StartActivity($"{message.Topic} publish");
                using var b = Source.StartActivity($"{operationName} {queueName}");
                using var c = Source.StartActivity(httpMethod + " /orders/{id}");
                using var d = Source.StartActivity($"chat {model}");
            }
        """);

    [Fact]
    public Task Per_call_values_are_reported_with_the_worst_hole_named() => VerifyAsync("""
            public void Run(string requestId, Message message, string label, string[] batches)
            {
                using var a = Source.StartActivity({|#0:$"run {label}/{requestId}"|});
                using var b = Source.StartActivity({|#1:$"process {message.MessageId}"|});
                using var c = Source.StartActivity({|#2:"tick " + Guid.NewGuid()|});
                using var d = Source.StartActivity({|#3:$"at {DateTime.UtcNow:O}"|});
                using var e = Source.StartActivity({|#4:$"query #{Interlocked.Increment(ref s_sequence)}"|});
                for (var i = 0; i < batches.Length; i++)
                {
                    using var f = Source.StartActivity({|#5:$"batch {i}"|});
                }

                var started = DateTimeOffset.UtcNow;
                using var g = Source.StartActivity({|#6:$"since {started}"|});
                using var h = Source.StartActivity({|#7:"exec " + _lastQuery|});
            }
        """,
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("interpolates 'requestId'"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(1).WithArguments("interpolates 'message.MessageId'"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(2).WithArguments("concatenates 'Guid.NewGuid()' (a GUID)"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(3).WithArguments("interpolates 'DateTime.UtcNow' (a timestamp)"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(4).WithArguments("interpolates 'Interlocked.Increment(ref s_sequence)' (a counter)"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(5).WithArguments("interpolates 'i' (a loop index)"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(6).WithArguments("interpolates 'started' (a timestamp)"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(7).WithArguments("concatenates '_lastQuery'"));

    [Fact]
    public Task Null_conditional_chains_are_judged_by_their_source() => VerifyAsync("""
            public void Chains(DriverOptions? options, Message? message, IOptions<DriverOptions>? monitored)
            {
                using var a = Source.StartActivity($"CONNECT {options?.DatabaseName}");
                using var b = Source.StartActivity($"{monitored?.Value?.ServiceName} ping");
                using var c = Source.StartActivity({|#0:$"process {message?.MessageId}"|});
                using var d = Source.StartActivity($"{message?.Topic?.Trim()} receive");
            }
        """,
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("interpolates 'message?.MessageId'"));

    [Fact]
    public Task Locals_are_followed_one_step() => VerifyAsync("""
            public void Handle(Message message, string userId)
            {
                var topic = message.Topic;
                using var a = Source.StartActivity($"{topic} process");

                var spanName = $"process {message.MessageId}";
                using var b = Source.StartActivity({|#0:spanName|});

                var id = userId;
                using var c = Source.StartActivity({|#1:"user " + id|});

                var reassigned = _databaseName;
                reassigned = userId;
                using var d = Source.StartActivity({|#2:"user " + reassigned|});

                var fixedName = "orders.process";
                using var e = Source.StartActivity(fixedName);
            }
        """,
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("interpolates 'message.MessageId' (through 'spanName')"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(1).WithArguments("concatenates 'id'"),
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(2).WithArguments("concatenates 'reassigned'"));

    [Fact]
    public Task A_get_only_id_of_the_instrumented_type_is_still_data() => Verify.VerifyAnalyzerAsync(Scaffold + """
        public sealed class Consumer(string consumerGroup, string messageId)
        {
            private static readonly ActivitySource Source = new("Bus");

            public string ConsumerGroup { get; } = consumerGroup;

            public string MessageId { get; } = messageId;

            public void Process()
            {
                using var a = Source.StartActivity($"{ConsumerGroup} process");
                using var b = Source.StartActivity({|#0:$"process {MessageId}"|});
            }
        }
        """,
        Verify.Diagnostic(RuleIds.HighCardinalitySpanName).WithLocation(0).WithArguments("interpolates 'MessageId'"));
}
