using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>Lambdas, local functions, async methods, iterators, accessors, top-level statements.</summary>
public class FunctionKindTests
{
    [Fact]
    public Task Lambda_body_is_its_own_method() => VerifyMembersAsync("""
            public void Register(List<Func<Task>> handlers)
            {
                handlers.Add(async () =>
                {
                    var activity = {|TRC201:Source.StartActivity("Handler")|};
                    await WorkAsync();
                    activity?.Stop();
                });

                handlers.Add(async () =>
                {
                    using var activity = Source.StartActivity("Handler");
                    await WorkAsync();
                });

                handlers.Add(() =>
                {
                    var activity = Source.StartActivity("Handler");
                    try { Work(); } finally { activity?.Stop(); }
                    return Task.CompletedTask;
                });
            }
        """);

    [Fact]
    public Task Nested_lambdas_are_analysed() => VerifyMembersAsync("""
            public Func<Action> Build() => () => () =>
            {
                var activity = {|TRC201:Source.StartActivity("Inner")|};
                Work();
                activity?.Stop();
            };
        """);

    [Fact]
    public Task Anonymous_method_is_analysed() => VerifyMembersAsync("""
            public Action Build() => delegate
            {
                var activity = {|TRC201:Source.StartActivity("Inner")|};
            };
        """);

    [Fact]
    public Task Local_function_body_is_its_own_method() => VerifyMembersAsync("""
            public void Handle()
            {
                Process(1);
                Ended(2);

                void Process(int value)
                {
                    var activity = {|TRC201:Source.StartActivity("Process")|};
                    activity?.SetTag("value", value);
                }

                void Ended(int value)
                {
                    using var activity = Source.StartActivity("Ended");
                    Work();
                }
            }
        """);

    [Fact]
    public Task Static_local_function_inside_lambda_is_analysed() => VerifyMembersAsync("""
            public Action Build() => () =>
            {
                Run();

                static void Run()
                {
                    var activity = {|TRC201:Source.StartActivity("Run")|};
                    Work();
                    activity?.Stop();
                }
            };
        """);

    [Fact]
    public Task Local_assigned_inside_lambda_but_declared_outside_is_not_followed() => VerifyMembersAsync("""
            public void Handle(List<Action> actions)
            {
                Activity? activity = null;
                actions.Add(() => activity = Source.StartActivity("Later"));
                actions.Add(() => activity?.Stop());
            }
        """);

    [Fact]
    public Task Async_method_with_try_catch_finally_is_fine() => VerifyMembersAsync("""
            public async Task<int> HandleAsync(int value, CancellationToken cancellationToken)
            {
                var activity = Source.StartActivity("Handle");
                try
                {
                    await Task.Delay(10, cancellationToken);
                    return await ComputeAsync(value);
                }
                catch (Exception ex)
                {
                    activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                    throw;
                }
                finally
                {
                    activity?.Dispose();
                }
            }
        """);

    [Fact]
    public Task Async_method_with_await_before_end_is_reported() => VerifyMembersAsync("""
            public async Task<int> HandleAsync(int value)
            {
                var activity = {|TRC201:Source.StartActivity("Handle")|};
                var result = await ComputeAsync(value);
                activity?.SetTag("result", result);
                activity?.Stop();
                return result;
            }
        """);

    [Fact]
    public Task Await_foreach_and_await_using_are_exception_paths() => VerifyMembersAsync("""
            public async Task HandleAsync(IAsyncEnumerable<int> items)
            {
                var activity = {|TRC201:Source.StartActivity("Stream")|};
                await foreach (var item in items)
                {
                    activity?.AddEvent(new ActivityEvent("item"));
                }

                activity?.Stop();
            }
        """);

    [Fact]
    public Task Iterator_with_yield_before_end_is_reported() => VerifyMembersAsync("""
            public IEnumerable<int> Produce()
            {
                var activity = {|TRC201:Source.StartActivity("Produce")|};
                yield return 1;
                yield return 2;
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Iterator_with_using_or_finally_is_fine() => VerifyMembersAsync("""
            public IEnumerable<int> Produce()
            {
                using var activity = Source.StartActivity("Produce");
                yield return 1;
            }

            public IEnumerable<int> ProduceWithFinally()
            {
                var activity = Source.StartActivity("Produce");
                try
                {
                    yield return 1;
                }
                finally
                {
                    activity?.Stop();
                }
            }
        """);

    [Fact]
    public Task Accessors_and_constructors_are_analysed() => VerifyMembersAsync("""
            private int _value;

            public int Value
            {
                get
                {
                    var activity = {|TRC201:Source.StartActivity("GetValue")|};
                    return _value;
                }
                set
                {
                    using var activity = Source.StartActivity("SetValue");
                    _value = value;
                }
            }

            public Service(Tracer tracer, int value) : this(tracer)
            {
                var span = {|TRC201:tracer.StartSpan("Construct")|};
                Work();
                span.End();
            }
        """);

    [Fact]
    public Task Top_level_statements_are_analysed()
    {
        var test = new AnalyzerVerifier<SpanNotEndedAnalyzer>.Test
        {
            TestCode = Usings + """
                var source = new ActivitySource("Tool");
                var activity = {|TRC201:source.StartActivity("Main")|};
                Console.WriteLine("working");
                activity?.Stop();

                using var ok = source.StartActivity("Ok");
                Console.WriteLine("working");
                {|TRC201:source.StartActivity("Dropped")|};
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(TestContext.Current.CancellationToken);
    }
}
