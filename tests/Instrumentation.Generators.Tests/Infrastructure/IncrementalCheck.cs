using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Generators.Tests.Infrastructure;

/// <summary>Assertions on the generator's incremental steps: what is reused between runs, and what the pipeline holds.</summary>
internal static class IncrementalCheck
{
    /// <summary>Every tracked step, read from <see cref="TrackingNames"/> so that a new step cannot be forgotten.</summary>
    public static readonly string[] AllSteps = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToArray();

    /// <summary>
    /// Runs the generator on <paramref name="compilation"/>, then again after adding a file that changes nothing:
    /// every tracked step must be reused, no source regenerated, and no step may hold a symbol, syntax or compilation.
    /// </summary>
    public static void AssertRerunReusesEverything(CSharpCompilation compilation)
    {
        var driver = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        var first = driver.GetRunResult().Results.Single();
        Assert.Null(first.Exception);
        // Our named steps only: the compiler's own provider steps hold compilations and syntax.
        foreach (var step in AllSteps.Where(first.TrackedSteps.ContainsKey))
        {
            foreach (var output in first.TrackedSteps[step].SelectMany(s => s.Outputs))
            {
                AssertNoForbiddenTypes(output.Value, step, new HashSet<object>(ReferenceEqualityComparer.Instance));
            }
        }

        var edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("internal static class UnrelatedEdit { }", GeneratorHarness.ParseOptions, "/src/UnrelatedEdit.cs"));
        var second = driver.RunGenerators(edited).GetRunResult().Results.Single();
        Assert.Null(second.Exception);
        AssertAllOutputsReused(second, AllSteps.Where(second.TrackedSteps.ContainsKey));
        AssertNoSourceRegenerated(second);
    }

    public static void AssertAllOutputsReused(GeneratorRunResult result, IEnumerable<string> steps)
    {
        foreach (var step in steps)
        {
            var reasons = result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
            Assert.All(reasons, reason => Assert.True(
                reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged,
                $"step {step} produced {reason}"));
        }
    }

    public static void AssertNoSourceRegenerated(GeneratorRunResult result)
    {
        var outputs = result.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"source output {o.Reason}"));
    }

    public static void AssertNoForbiddenTypes(object? value, string step, HashSet<object> seen)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum || !seen.Add(value))
        {
            return;
        }

        Assert.False(
            value is ISymbol or SyntaxNode or SemanticModel or Compilation or Location or SyntaxTree,
            $"step {step} holds a {value.GetType().Name}");

        if (value is IEnumerable sequence)
        {
            foreach (var item in sequence)
            {
                AssertNoForbiddenTypes(item, step, seen);
            }

            return;
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            AssertNoForbiddenTypes(field.GetValue(value), step, seen);
        }
    }
}
