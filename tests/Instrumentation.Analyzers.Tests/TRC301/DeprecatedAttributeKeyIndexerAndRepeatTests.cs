using System.Threading.Tasks;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// Indexer writes on <c>ActivityTagsCollection</c> are found from the assignment (every assignment form), tags held in
/// locals from the collection that initializes the local (through conversions, in every kind of local declaration),
/// and a key seen again (classified once per compilation) is reported again with the same message.
/// </summary>
public class DeprecatedAttributeKeyIndexerAndRepeatTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Diagnostics;
        using System.Linq;
        using Instrumentation;

        """;

    [Fact]
    public Task Every_assignment_to_the_indexer_is_checked_and_only_those() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void M(ActivityTagsCollection tags, object? value)
                {
                    tags[{|TRC301:"http.url"|}] = "/";
                    tags[{|TRC301:"http.method"|}] += "GET";
                    tags[{|TRC301:"http.scheme"|}] ??= "https";
                    tags[{|TRC301:"http.target"|}] = tags[{|TRC301:"http.flavor"|}] = "1.1";
                    var more = new ActivityTagsCollection { [{|TRC301:"http.status_code"|}] = 200 };
                    (tags["http.user_agent"], value) = ("curl", 1);
                    _ = tags["http.url"];
                    value = tags["http.url"] ?? "/";
                    var dictionary = new Dictionary<string, object?>();
                    dictionary["http.url"] = "/";
                    tags["url.full"] = "/";
                }
            }
            """);

    [Fact]
    public Task A_repeated_key_is_reported_each_time_with_the_same_message() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                void M(Activity activity, ActivityTagsCollection tags)
                {
                    activity.SetTag({|#0:"http.url"|}, "/");
                    activity.SetTag({|#1:"http.url"|}, "/again");
                    tags[{|#2:"http.url"|}] = "/";
                }

                void N([Tag({|#3:"http.url"|})] string url, [Tag({|#4:"http.url"|})] string other) { }
            }
            """,
            Verify.Diagnostic("TRC301").WithLocation(0).WithLocation(0).WithArguments("http.url", "1.26 or earlier", "1.45", "use 'url.full' instead"),
            Verify.Diagnostic("TRC301").WithLocation(1).WithLocation(1).WithArguments("http.url", "1.26 or earlier", "1.45", "use 'url.full' instead"),
            Verify.Diagnostic("TRC301").WithLocation(2).WithLocation(2).WithArguments("http.url", "1.26 or earlier", "1.45", "use 'url.full' instead"),
            Verify.Diagnostic("TRC301").WithLocation(3).WithLocation(3).WithArguments("http.url", "1.26 or earlier", "1.45", "use 'url.full' instead"),
            Verify.Diagnostic("TRC301").WithLocation(4).WithLocation(4).WithArguments("http.url", "1.26 or earlier", "1.45", "use 'url.full' instead"));

    [Fact]
    public Task Tags_held_in_locals_of_every_declaration_form() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            class C
            {
                static readonly ActivitySource Source = new("Shop");

                void M(bool flag)
                {
                    IEnumerable<KeyValuePair<string, object?>> widened = new List<KeyValuePair<string, object?>> { new({|TRC301:"http.url"|}, "/") };
                    using var a = Source.StartActivity("a", ActivityKind.Client, default(ActivityContext), widened);

                    KeyValuePair<string, object?>[] first = [new({|TRC301:"http.method"|}, "GET")], second = [new({|TRC301:"http.scheme"|}, "https")];
                    using var b = Source.StartActivity("b", ActivityKind.Client, default(ActivityContext), first);
                    using var c = Source.StartActivity("c", ActivityKind.Client, default(ActivityContext), second);

                    for (IEnumerable<KeyValuePair<string, object?>> looped = new[] { new KeyValuePair<string, object?>({|TRC301:"http.target"|}, "/") }; flag; flag = false)
                    {
                        using var d = Source.StartActivity("d", ActivityKind.Client, default(ActivityContext), looped);
                    }

                    var chosen = flag ? new[] { new KeyValuePair<string, object?>("http.flavor", "1.1") } : null;
                    using var e = Source.StartActivity("e", ActivityKind.Client, default(ActivityContext), chosen);

                    KeyValuePair<string, object?>[] assigned;
                    assigned = new[] { new KeyValuePair<string, object?>("http.user_agent", "curl") };
                    using var f = Source.StartActivity("f", ActivityKind.Client, default(ActivityContext), assigned);

                    var queried = new[] { new KeyValuePair<string, object?>("http.status_code", 200) }.ToList();
                    using var g = Source.StartActivity("g", ActivityKind.Client, default(ActivityContext), queried);

                    var kept = new[] { new KeyValuePair<string, object?>("http.host", "shop") };
                }
            }
            """);
}
