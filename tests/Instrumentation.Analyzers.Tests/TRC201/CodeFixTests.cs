using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using static Instrumentation.Analyzers.Tests.TRC201.Trc201;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>The 'using' fix, alone and through Fix All (document, project, solution).</summary>
public class CodeFixTests
{
    private static Task VerifyFixAsync(string members, string fixedMembers) =>
        CodeFixVerifier<SpanNotEndedAnalyzer, SpanNotEndedCodeFixProvider>.VerifyCodeFixAsync(InService(members), InService(fixedMembers));

    [Fact]
    public Task Declaration_becomes_using_var() => VerifyFixAsync("""
            public async Task HandleAsync()
            {
                // The order span.
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                activity?.SetTag("order.count", 3);
                await WorkAsync();
            }
        """, """
            public async Task HandleAsync()
            {
                // The order span.
                using var activity = Source.StartActivity("ProcessOrder");
                activity?.SetTag("order.count", 3);
                await WorkAsync();
            }
        """);

    [Fact]
    public Task Explicitly_typed_declaration_becomes_using() => VerifyFixAsync("""
            public void Handle()
            {
                Activity? activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                TelemetrySpan span = {|TRC201:_tracer.StartSpan("Charge")|};
                Work();
            }
        """, """
            public void Handle()
            {
                using Activity? activity = Source.StartActivity("ProcessOrder");
                using TelemetrySpan span = _tracer.StartSpan("Charge");
                Work();
            }
        """);

    [Fact]
    public Task Existing_end_calls_are_kept() => VerifyFixAsync("""
            public int Handle(int value)
            {
                var activity = {|TRC201:Source.StartActivity("ProcessOrder")|};
                var result = Compute(value);
                activity?.Stop();
                return result;
            }
        """, """
            public int Handle(int value)
            {
                using var activity = Source.StartActivity("ProcessOrder");
                var result = Compute(value);
                activity?.Stop();
                return result;
            }
        """);

    [Fact]
    public Task CreateActivity_declaration_becomes_using_var() => VerifyFixAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.CreateActivity("ProcessOrder", ActivityKind.Internal)|};
                activity?.Start();
                Work();
            }
        """, """
            public void Handle()
            {
                using var activity = Source.CreateActivity("ProcessOrder", ActivityKind.Internal);
                activity?.Start();
                Work();
            }
        """);

    [Fact]
    public Task Declaration_in_switch_section_becomes_using_block() => VerifyFixAsync("""
            public void Handle(int kind)
            {
                switch (kind)
                {
                    case 1:
                        var activity = {|TRC201:Source.StartActivity("One")|};
                        activity?.SetTag("kind", kind);
                        Work();
                        break;
                    default:
                        Work();
                        break;
                }
            }
        """, """
            public void Handle(int kind)
            {
                switch (kind)
                {
                    case 1:
                        using (var activity = Source.StartActivity("One"))
                        {
                            activity?.SetTag("kind", kind);
                            Work();
                            break;
                        }
                    default:
                        Work();
                        break;
                }
            }
        """);

    [Fact]
    public Task Assignment_becomes_using_block_over_the_rest_of_the_block() => VerifyFixAsync("""
            public void Handle(bool enabled)
            {
                Activity? activity;
                if (enabled)
                {
                    activity = {|TRC201:Source.StartActivity("Enabled")|};
                    activity?.SetTag("enabled", true);
                    Work();
                }
            }
        """, """
            public void Handle(bool enabled)
            {
                Activity? activity;
                if (enabled)
                {
                    using (activity = Source.StartActivity("Enabled"))
                    {
                        activity?.SetTag("enabled", true);
                        Work();
                    }
                }
            }
        """);

    [Fact]
    public Task Discarded_start_becomes_using_var_with_a_new_name() => VerifyFixAsync("""
            public void Handle()
            {
                {|TRC201:Source.StartActivity("Fire")|};
                _ = {|TRC201:_tracer.StartActiveSpan("Fire")|};
                Work();
            }
        """, """
            public void Handle()
            {
                using var activity = Source.StartActivity("Fire");
                using var span = _tracer.StartActiveSpan("Fire");
                Work();
            }
        """);

    [Fact]
    public Task Discard_fix_picks_a_name_that_is_not_taken() => VerifyFixAsync("""
            private int activity;

            public void Handle(string activity1)
            {
                {|TRC201:Source.StartActivity("First")|};
                {|TRC201:Source.CreateActivity("Second", ActivityKind.Internal)|}?.Start();
                Work();
            }
        """, """
            private int activity;

            public void Handle(string activity1)
            {
                using var activity2 = Source.StartActivity("First");
                using var activity3 = Source.CreateActivity("Second", ActivityKind.Internal)?.Start();
                Work();
            }
        """);

    [Fact]
    public Task Discarded_fluent_chain_keeps_the_chain() => VerifyFixAsync("""
            public void Handle(string orderId)
            {
                {|TRC201:Source.StartActivity("Fire")|}?.SetTag("order.id", orderId);
                Work();
            }
        """, """
            public void Handle(string orderId)
            {
                using var activity = Source.StartActivity("Fire")?.SetTag("order.id", orderId);
                Work();
            }
        """);

    [Fact]
    public Task Discard_in_switch_section_becomes_using_block() => VerifyFixAsync("""
            public void Handle(int kind)
            {
                switch (kind)
                {
                    case 1:
                        {|TRC201:Source.StartActivity("One")|};
                        Work();
                        break;
                }
            }
        """, """
            public void Handle(int kind)
            {
                switch (kind)
                {
                    case 1:
                        using (Source.StartActivity("One"))
                        {
                            Work();
                            break;
                        }
                }
            }
        """);

    [Fact]
    public Task Discard_as_embedded_statement_becomes_using_block() => VerifyFixAsync("""
            public void Handle(bool enabled)
            {
                if (enabled)
                    {|TRC201:Source.StartActivity("Enabled")|};
                Work();
            }
        """, """
            public void Handle(bool enabled)
            {
                if (enabled)
                    using (Source.StartActivity("Enabled"))
                    {
                    }
                Work();
            }
        """);

    [Fact]
    public Task Lambda_and_local_function_bodies_are_fixed() => VerifyFixAsync("""
            public void Register(List<Func<Task>> handlers)
            {
                handlers.Add(async () =>
                {
                    var activity = {|TRC201:Source.StartActivity("Handler")|};
                    await WorkAsync();
                });

                Local();

                void Local()
                {
                    var span = {|TRC201:_tracer.StartActiveSpan("Local")|};
                    Work();
                }
            }
        """, """
            public void Register(List<Func<Task>> handlers)
            {
                handlers.Add(async () =>
                {
                    using var activity = Source.StartActivity("Handler");
                    await WorkAsync();
                });

                Local();

                void Local()
                {
                    using var span = _tracer.StartActiveSpan("Local");
                    Work();
                }
            }
        """);

    [Fact]
    public Task Overwritten_local_has_no_automatic_fix() => VerifyFixAsync("""
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("First")|};
                activity = Source.StartActivity("Second");
                activity?.Stop();
            }
        """, """
            public void Handle()
            {
                var activity = {|TRC201:Source.StartActivity("First")|};
                activity = Source.StartActivity("Second");
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Span_dropped_by_a_member_access_is_kept_in_a_using_local_declared_before() => VerifyFixAsync("""
            public string? Handle()
            {
                Work();
                // Mark the span.
                {|TRC201:_tracer.StartSpan("Fire")|}.SetStatus(Status.Ok);
                var id = {|TRC201:Source.StartActivity("Fire")|}?.Id;
                return {|TRC201:Source.StartActivity("Again")|}?.TraceId.ToString();
            }
        """, """
            public string? Handle()
            {
                Work();
                // Mark the span.
                using var span = _tracer.StartSpan("Fire");
                span.SetStatus(Status.Ok);
                using var activity = Source.StartActivity("Fire");
                var id = activity?.Id;
                using var activity1 = Source.StartActivity("Again");
                return activity1?.TraceId.ToString();
            }
        """);

    [Fact]
    public Task Span_dropped_after_other_work_in_the_statement_has_no_automatic_fix() => VerifyFixAsync("""
            private static void Log(string? id) { }

            public void Handle()
            {
                Log({|TRC201:Source.StartActivity("Fire")|}?.Id);
            }
        """, """
            private static void Log(string? id) { }

            public void Handle()
            {
                Log({|TRC201:Source.StartActivity("Fire")|}?.Id);
            }
        """);

    [Fact]
    public Task Assignment_used_after_its_block_has_no_automatic_fix() => VerifyFixAsync("""
            public void Handle(bool enabled)
            {
                Activity? activity = null;
                if (enabled)
                {
                    activity = {|TRC201:Source.StartActivity("Enabled")|};
                }

                Work();
                activity?.Stop();
            }
        """, """
            public void Handle(bool enabled)
            {
                Activity? activity = null;
                if (enabled)
                {
                    activity = {|TRC201:Source.StartActivity("Enabled")|};
                }

                Work();
                activity?.Stop();
            }
        """);

    [Fact]
    public Task Switch_section_local_used_in_another_section_has_no_automatic_fix() => VerifyFixAsync("""
            public void Handle(int kind)
            {
                switch (kind)
                {
                    case 1:
                        var activity = {|TRC201:Source.StartActivity("One")|};
                        Work();
                        break;
                    case 2:
                        activity = null;
                        break;
                }
            }
        """, """
            public void Handle(int kind)
            {
                switch (kind)
                {
                    case 1:
                        var activity = {|TRC201:Source.StartActivity("One")|};
                        Work();
                        break;
                    case 2:
                        activity = null;
                        break;
                }
            }
        """);

    [Fact]
    public Task Fix_all_fixes_every_shape_in_the_document_even_after_an_unfixable_one()
    {
        var test = new CodeFixVerifier<SpanNotEndedAnalyzer, SpanNotEndedCodeFixProvider>.Test
        {
            TestCode = InService("""
                    public void Unfixable()
                    {
                        var reused = {|TRC201:Source.StartActivity("Reused")|};
                        reused = Source.StartActivity("Again");
                        reused?.Stop();
                    }

                    public void Many(int kind)
                    {
                        var first = {|TRC201:Source.StartActivity("First")|};
                        {|TRC201:Source.StartActivity("Second")|};
                        switch (kind)
                        {
                            case 1:
                                {|TRC201:Source.StartActivity("Third")|};
                                var fourth = {|TRC201:_tracer.StartActiveSpan("Fourth")|};
                                Work();
                                break;
                        }

                        Work();
                    }

                    public void Other()
                    {
                        {|TRC201:Source.StartActivity("Fifth")|};
                        Work();
                    }
                """),
            FixedCode = InService("""
                    public void Unfixable()
                    {
                        var reused = {|TRC201:Source.StartActivity("Reused")|};
                        reused = Source.StartActivity("Again");
                        reused?.Stop();
                    }

                    public void Many(int kind)
                    {
                        using var first = Source.StartActivity("First");
                        using var activity = Source.StartActivity("Second");
                        switch (kind)
                        {
                            case 1:
                                using (Source.StartActivity("Third"))
                                {
                                    using var fourth = _tracer.StartActiveSpan("Fourth");
                                    Work();
                                    break;
                                }
                        }

                        Work();
                    }

                    public void Other()
                    {
                        using var activity = Source.StartActivity("Fifth");
                        Work();
                    }
                """),
        };

        // The unfixable diagnostic stays; it is expected in the fixed code too.
        test.FixedState.MarkupHandling = MarkupMode.Allow;
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task Fix_all_in_project_and_solution_fixes_every_document()
    {
        var test = new CodeFixVerifier<SpanNotEndedAnalyzer, SpanNotEndedCodeFixProvider>.Test();
        test.TestState.Sources.Add(("A.cs", InService("""
                public void A()
                {
                    var a = {|TRC201:Source.StartActivity("A")|};
                    Work();
                }
            """).Replace("class Service", "class ServiceA", System.StringComparison.Ordinal).Replace("public Service(", "public ServiceA(", System.StringComparison.Ordinal)));
        test.TestState.Sources.Add(("B.cs", InService("""
                public void B()
                {
                    {|TRC201:_tracer.StartSpan("B")|};
                    Work();
                }
            """).Replace("class Service", "class ServiceB", System.StringComparison.Ordinal).Replace("public Service(", "public ServiceB(", System.StringComparison.Ordinal)));
        test.FixedState.Sources.Add(("A.cs", InService("""
                public void A()
                {
                    using var a = Source.StartActivity("A");
                    Work();
                }
            """).Replace("class Service", "class ServiceA", System.StringComparison.Ordinal).Replace("public Service(", "public ServiceA(", System.StringComparison.Ordinal)));
        test.FixedState.Sources.Add(("B.cs", InService("""
                public void B()
                {
                    using var span = _tracer.StartSpan("B");
                    Work();
                }
            """).Replace("class Service", "class ServiceB", System.StringComparison.Ordinal).Replace("public Service(", "public ServiceB(", System.StringComparison.Ordinal)));
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 2;
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task Top_level_statements_are_fixed()
    {
        var test = new CodeFixVerifier<SpanNotEndedAnalyzer, SpanNotEndedCodeFixProvider>.Test
        {
            TestCode = Usings + """
                var source = new ActivitySource("Tool");
                var activity = {|TRC201:source.StartActivity("Main")|};
                Console.WriteLine("working");
                {|TRC201:source.StartActivity("Dropped")|};
                Console.WriteLine("done");
                """,
            FixedCode = Usings + """
                var source = new ActivitySource("Tool");
                using var activity = source.StartActivity("Main");
                Console.WriteLine("working");
                using var activity1 = source.StartActivity("Dropped");
                Console.WriteLine("done");
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task Top_level_assignment_becomes_using_block_over_the_following_statements()
    {
        var test = new CodeFixVerifier<SpanNotEndedAnalyzer, SpanNotEndedCodeFixProvider>.Test
        {
            TestCode = Usings + """
                var source = new ActivitySource("Tool");
                Activity? activity;
                activity = {|TRC201:source.StartActivity("Main")|};
                Console.WriteLine("working");
                Console.WriteLine("done");

                public partial class Program
                {
                }
                """,
            FixedCode = Usings + """
                var source = new ActivitySource("Tool");
                Activity? activity;
                using (activity = source.StartActivity("Main"))
                {
                    Console.WriteLine("working");
                    Console.WriteLine("done");
                }

                public partial class Program
                {
                }
                """,
        };
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        test.FixedState.OutputKind = OutputKind.ConsoleApplication;
        return test.RunAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public Task Using_block_that_would_move_a_local_function_or_label_is_not_offered() => VerifyFixAsync("""
            public void First(bool enabled)
            {
                Activity? activity;
                if (enabled)
                {
                    activity = {|TRC201:Source.StartActivity("First")|};
                    Helper();

                    void Helper() => Work();
                }
            }

            public void Second(int kind)
            {
                switch (kind)
                {
                    case 1:
                        {|TRC201:Source.StartActivity("Second")|};
                    retry:
                        Work();
                        if (kind++ < 3) goto retry;
                        break;
                }
            }
        """, """
            public void First(bool enabled)
            {
                Activity? activity;
                if (enabled)
                {
                    activity = {|TRC201:Source.StartActivity("First")|};
                    Helper();

                    void Helper() => Work();
                }
            }

            public void Second(int kind)
            {
                switch (kind)
                {
                    case 1:
                        {|TRC201:Source.StartActivity("Second")|};
                    retry:
                        Work();
                        if (kind++ < 3) goto retry;
                        break;
                }
            }
        """);

    [Fact]
    public Task Declaration_after_a_label_in_the_same_block_is_not_offered_using_var() => VerifyFixAsync("""
            public void Handle(int attempts)
            {
            again:
                var activity = {|TRC201:Source.StartActivity("Attempt")|};
                Work();
                if (attempts-- > 0) goto again;
            }
        """, """
            public void Handle(int attempts)
            {
            again:
                var activity = {|TRC201:Source.StartActivity("Attempt")|};
                Work();
                if (attempts-- > 0) goto again;
            }
        """);

    [Fact]
    public Task Local_of_a_type_that_is_not_disposable_has_no_automatic_fix() => VerifyFixAsync("""
            public void Handle()
            {
                object? activity = {|TRC201:Source.StartActivity("Boxed")|};
                Work();
                (activity as Activity)?.Stop();
            }
        """, """
            public void Handle()
            {
                object? activity = {|TRC201:Source.StartActivity("Boxed")|};
                Work();
                (activity as Activity)?.Stop();
            }
        """);
}
