using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.SemanticConventions.AttributeKeyFixVerifier<
    Instrumentation.CodeFixes.DeprecatedAttributeKeyCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// Keys passed to a wrapper that writes them only inside a compatibility branch (an "emit old attributes" switch):
/// Info without a fix at the call, like keys written in such a branch directly.
/// </summary>
public class CompatibilityHelperTests
{
    private const string Scaffold = """
        using System.Diagnostics;

        static class Keys
        {
            public const string DbSystem = "db.system";
            public const string DbSystemName = "db.system.name";
            public const string DbStatement = "db.statement";
            public const string DbQueryText = "db.query.text";
        }

        sealed class Options
        {
            public bool EmitOldAttributes { get; set; }
            public bool EmitNewAttributes { get; set; }
        }

        """;

    private static DiagnosticResult Compatibility(int location, string key, string successor, string since = "1.26 or earlier") =>
        new DiagnosticResult(RuleIds.DeprecatedAttributeKey, DiagnosticSeverity.Info)
            .WithLocation(location)
            .WithArguments(key, since, "1.45", $"use '{successor}' instead (written in a compatibility branch: kept on purpose? suppress it there)");

    [Fact]
    public Task A_pair_of_old_and_new_keys_given_to_a_switching_wrapper_is_info_without_a_fix() =>
        Verify.VerifyNoFixAsync(
            Scaffold + """
            sealed class Listener
            {
                private readonly Options options = new();

                void OnCommand(Activity activity, string system, string text)
                {
                    this.AddTag(activity, ({|#0:Keys.DbSystem|}, Keys.DbSystemName), system);
                    this.AddTag(activity, ({|#1:"db.statement"|}, Keys.DbQueryText), text);
                }

                private void AddTag(Activity activity, (string Old, string New) attributes, string? value)
                {
                    if (this.options.EmitOldAttributes)
                    {
                        activity.AddTag(attributes.Old, value);
                    }

                    if (this.options.EmitNewAttributes)
                    {
                        activity.AddTag(attributes.New, value);
                    }
                }
            }
            """,
            Compatibility(0, "db.system", "db.system.name", since: "1.30"),
            Compatibility(1, "db.statement", "db.query.text"));

    [Fact]
    public Task A_key_parameter_written_only_under_a_switch_parameter_is_info() =>
        Verify.VerifyNoFixAsync(
            Scaffold + """
            static class Helper
            {
                public static void SetOld(Activity activity, string key, object? value, bool emitOldAttributes)
                {
                    if (emitOldAttributes)
                    {
                        activity.SetTag(key, value);
                    }
                }
            }

            sealed class Listener
            {
                void OnCommand(Activity activity, string text, bool emitOld) => Helper.SetOld(activity, {|#0:Keys.DbStatement|}, text, emitOld);
            }
            """,
            Compatibility(0, "db.statement", "db.query.text"));

    [Fact]
    public Task A_wrapper_that_also_writes_the_key_outside_the_switch_keeps_the_warning_and_the_fix() =>
        Verify.VerifyCodeFixAsync(
            Scaffold + """
            sealed class Listener
            {
                private readonly Options options = new();

                void OnCommand(Activity activity, string text) => this.Set(activity, {|TRC301:"db.statement"|}, text);

                private void Set(Activity activity, string key, string value)
                {
                    if (this.options.EmitOldAttributes)
                    {
                        activity.SetTag(key, value);
                    }

                    activity.SetTag(key, value.Length);
                }
            }
            """,
            Scaffold + """
            sealed class Listener
            {
                private readonly Options options = new();

                void OnCommand(Activity activity, string text) => this.Set(activity, "db.query.text", text);

                private void Set(Activity activity, string key, string value)
                {
                    if (this.options.EmitOldAttributes)
                    {
                        activity.SetTag(key, value);
                    }

                    activity.SetTag(key, value.Length);
                }
            }
            """);

    [Fact]
    public Task A_wrapper_switching_on_something_else_keeps_the_warning() =>
        Verify.VerifyCodeFixAsync(
            Scaffold + """
            sealed class Listener
            {
                void OnCommand(Activity activity, string text, bool verbose) => Set(activity, {|TRC301:"db.statement"|}, text, verbose);

                private static void Set(Activity activity, string key, string value, bool verbose)
                {
                    if (verbose)
                    {
                        activity.SetTag(key, value);
                    }
                }
            }
            """,
            Scaffold + """
            sealed class Listener
            {
                void OnCommand(Activity activity, string text, bool verbose) => Set(activity, "db.query.text", text, verbose);

                private static void Set(Activity activity, string key, string value, bool verbose)
                {
                    if (verbose)
                    {
                        activity.SetTag(key, value);
                    }
                }
            }
            """);
}
