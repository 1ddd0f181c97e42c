using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis.Testing;

namespace Instrumentation.Analyzers.Tests.TRC201;

/// <summary>Shared scaffolding for TRC201 tests: a service class with an ActivitySource, a Tracer and some work to call.</summary>
internal static class Trc201
{
    public const string Usings = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Threading;
        using System.Threading.Tasks;
        using OpenTelemetry.Trace;

        """;

    /// <summary>Wraps members in a class that provides <c>Source</c>, <c>_tracer</c>, <c>Work()</c> and <c>WorkAsync()</c>.</summary>
    public static string InService(string members) => Usings + $$"""
        public class Service
        {
            private static readonly ActivitySource Source = new("MyCompany.Orders");
            private readonly Tracer _tracer;

            public Service(Tracer tracer) => _tracer = tracer;

            private static void Work() { }
            private static int Compute(int value) => value * 2;
            private static Task WorkAsync() => Task.CompletedTask;
            private static Task<int> ComputeAsync(int value) => Task.FromResult(value);

        {{members}}
        }
        """;

    public static DiagnosticResult Diagnostic() => AnalyzerVerifier<SpanNotEndedAnalyzer>.Diagnostic(RuleIds.SpanNotEnded);

    public static Task VerifyMembersAsync(string members, params DiagnosticResult[] expected) =>
        AnalyzerVerifier<SpanNotEndedAnalyzer>.VerifyAnalyzerAsync(InService(members), expected);

    public static Task VerifyAsync(string source, params DiagnosticResult[] expected) =>
        AnalyzerVerifier<SpanNotEndedAnalyzer>.VerifyAnalyzerAsync(source, expected);
}
