using System.Threading.Tasks;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.CodeFixVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer, Instrumentation.CodeFixes.SensitiveAttributeCodeFixProvider>;

namespace Instrumentation.Analyzers.Tests.TRC401;

public class SensitiveAttributeCodeFixTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Diagnostics;
        using Instrumentation;

        """;

    [Fact]
    public Task The_statement_that_records_the_value_is_removed() => Verify.VerifyCodeFixAsync(Usings + """
        public class Login
        {
            public void Run(Activity? activity, string password, string user)
            {
                activity?.SetTag("app.user.name", user);
                activity?.SetTag({|TRC401:"app.user.password"|}, password);
                activity?.SetTag("app.user.kind", "local");
            }
        }
        """, Usings + """
        public class Login
        {
            public void Run(Activity? activity, string password, string user)
            {
                activity?.SetTag("app.user.name", user);
                activity?.SetTag("app.user.kind", "local");
            }
        }
        """);

    [Fact]
    public Task The_Tag_attribute_is_removed_and_the_parameter_kept() => Verify.VerifyCodeFixAsync(Usings + """
        public class Accounts
        {
            [Traced]
            public void Register([{|TRC401:Tag("app.account.value")|}] string password, [Tag("app.account.id")] string id) { }
        }
        """, Usings + """
        public class Accounts
        {
            [Traced]
            public void Register(string password, [Tag("app.account.id")] string id) { }
        }
        """);

    [Fact]
    public Task A_key_inside_a_tag_collection_has_no_fix() => Verify.VerifyCodeFixAsync(Usings + """
        public class Login
        {
            private static readonly ActivitySource Source = new("Shop");

            public void Run(string token)
            {
                using var activity = Source.StartActivity("login", ActivityKind.Internal, default(ActivityContext),
                    new[] { new KeyValuePair<string, object?>({|TRC401:"app.api_key"|}, token) });
            }
        }
        """, Usings + """
        public class Login
        {
            private static readonly ActivitySource Source = new("Shop");

            public void Run(string token)
            {
                using var activity = Source.StartActivity("login", ActivityKind.Internal, default(ActivityContext),
                    new[] { new KeyValuePair<string, object?>("app.api_key", token) });
            }
        }
        """.Replace("(\"app.api_key\"", "({|TRC401:\"app.api_key\"|}", System.StringComparison.Ordinal));
}
