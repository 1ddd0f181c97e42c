using System.Threading.Tasks;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC301;

/// <summary>
/// Indexer writes on <c>ActivityTagsCollection</c> are found from the assignment (every assignment form), and a key
/// seen again (classified once per compilation) is reported again with the same message.
/// </summary>
public class DeprecatedAttributeKeyIndexerAndRepeatTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Diagnostics;
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
            Verify.Diagnostic("TRC301").WithLocation(0).WithLocation(0).WithArguments("http.url", "use 'url.full' instead"),
            Verify.Diagnostic("TRC301").WithLocation(1).WithLocation(1).WithArguments("http.url", "use 'url.full' instead"),
            Verify.Diagnostic("TRC301").WithLocation(2).WithLocation(2).WithArguments("http.url", "use 'url.full' instead"),
            Verify.Diagnostic("TRC301").WithLocation(3).WithLocation(3).WithArguments("http.url", "use 'url.full' instead"),
            Verify.Diagnostic("TRC301").WithLocation(4).WithLocation(4).WithArguments("http.url", "use 'url.full' instead"));
}
