using System.Threading;
using System.Threading.Tasks;
using Instrumentation.Analyzers.Tests.Verifiers;
using Instrumentation.CodeFixes;
using Instrumentation.Generators.Analyzers;
using Microsoft.CodeAnalysis.Testing;
using Xunit;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// The TRC301 fix on a key held in a const: a const declared outside the project's folder (a file linked into several
/// projects) is left alone and the use is rewritten; a use is rewritten to an existing constant that already holds the
/// new key when the compilation has one.
/// </summary>
public class SharedConstantFixTests
{
    private const string ProjectFile = "/repo/src/Orders/Orders.csproj";
    private const string UseFile = "/repo/src/Orders/OrderTracing.cs";
    private const string Usings = "using System.Diagnostics;\n\n";

    private static CodeFixVerifier<AttributeKeyAnalyzer, DeprecatedAttributeKeyCodeFixProvider>.Test Create(
        (string Path, string Before, string After)[] files)
    {
        var test = new CodeFixVerifier<AttributeKeyAnalyzer, DeprecatedAttributeKeyCodeFixProvider>.Test();
        foreach (var (path, before, after) in files)
        {
            test.TestState.Sources.Add((path, Usings + before));
            test.FixedState.Sources.Add((path, Usings + after));
        }

        test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectFilePath(projectId, ProjectFile));
        return test;
    }

    [Fact]
    public Task A_const_declared_outside_the_project_folder_is_kept_and_the_use_reuses_the_constant_holding_the_new_key() =>
        Create(
        [
            ("/repo/src/Shared/SemanticConventions.cs",
             """
             internal static class SemanticConventions
             {
                 public const string AttributeDbStatement = "db.statement";
                 public const string AttributeDbQueryText = "db.query.text";
             }
             """,
             """
             internal static class SemanticConventions
             {
                 public const string AttributeDbStatement = "db.statement";
                 public const string AttributeDbQueryText = "db.query.text";
             }
             """),
            (UseFile,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity, string sql) => activity.SetTag({|TRC301:SemanticConventions.AttributeDbStatement|}, sql);
             }
             """,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity, string sql) => activity.SetTag(SemanticConventions.AttributeDbQueryText, sql);
             }
             """),
        ]).RunAsync(CancellationToken.None);

    [Fact]
    public Task A_const_declared_outside_the_project_folder_without_a_constant_for_the_new_key_gets_a_literal_at_the_use() =>
        Create(
        [
            ("/repo/src/Shared/Keys.cs",
             """
             internal static class Keys
             {
                 public const string HttpMethod = "http.method";
             }
             """,
             """
             internal static class Keys
             {
                 public const string HttpMethod = "http.method";
             }
             """),
            (UseFile,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity) => activity.SetTag({|TRC301:Keys.HttpMethod|}, "GET");
             }
             """,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity) => activity.SetTag("http.request.method", "GET");
             }
             """),
        ]).RunAsync(CancellationToken.None);

    [Fact]
    public Task A_const_inside_the_project_folder_whose_every_use_is_reported_is_still_rewritten() =>
        Create(
        [
            ("/repo/src/Orders/Keys.cs",
             """
             internal static class Keys
             {
                 public const string HttpMethod = "http.method";
             }
             """,
             """
             internal static class Keys
             {
                 public const string HttpMethod = "http.request.method";
             }
             """),
            (UseFile,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity) => activity.SetTag({|TRC301:Keys.HttpMethod|}, "GET");
             }
             """,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity) => activity.SetTag(Keys.HttpMethod, "GET");
             }
             """),
        ]).RunAsync(CancellationToken.None);

    [Fact]
    public Task A_use_rewritten_for_a_const_with_other_uses_reuses_an_accessible_constant_of_another_type() =>
        Create(
        [
            ("/repo/src/Orders/Keys.cs",
             """
             internal static class Keys
             {
                 public const string HttpMethod = "http.method";
             }

             internal static class AllKeys
             {
                 private const string Hidden = "http.request.method";   // first in name order, but not accessible from OrderTracing
             }

             namespace Conventions
             {
                 internal static class Http
                 {
                     public const string RequestMethod = "http.request.method";
                 }
             }
             """,
             """
             internal static class Keys
             {
                 public const string HttpMethod = "http.method";
             }

             internal static class AllKeys
             {
                 private const string Hidden = "http.request.method";   // first in name order, but not accessible from OrderTracing
             }

             namespace Conventions
             {
                 internal static class Http
                 {
                     public const string RequestMethod = "http.request.method";
                 }
             }
             """),
            (UseFile,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity, System.Collections.Generic.IDictionary<string, string> headers)
                 {
                     activity.SetTag({|TRC301:Keys.HttpMethod|}, "GET");
                     headers[Keys.HttpMethod] = "GET";
                 }
             }
             """,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity, System.Collections.Generic.IDictionary<string, string> headers)
                 {
                     activity.SetTag(Conventions.Http.RequestMethod, "GET");
                     headers[Keys.HttpMethod] = "GET";
                 }
             }
             """),
        ]).RunAsync(CancellationToken.None);

    [Fact]
    public Task A_literal_key_stays_a_literal() =>
        Create(
        [
            ("/repo/src/Orders/Keys.cs",
             """
             internal static class Keys
             {
                 public const string HttpRequestMethod = "http.request.method";
             }
             """,
             """
             internal static class Keys
             {
                 public const string HttpRequestMethod = "http.request.method";
             }
             """),
            (UseFile,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity) => activity.SetTag({|TRC301:"http.method"|}, "GET");
             }
             """,
             """
             class OrderTracing
             {
                 void Enrich(Activity activity) => activity.SetTag("http.request.method", "GET");
             }
             """),
        ]).RunAsync(CancellationToken.None);
}
