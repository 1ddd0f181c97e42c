using System.Threading.Tasks;
using Instrumentation.Generators.Analyzers.AttributeKeys;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Xunit;
using Verify = Instrumentation.Analyzers.Tests.Verifiers.AnalyzerVerifier<Instrumentation.Generators.Analyzers.AttributeKeyAnalyzer>;

namespace Instrumentation.Analyzers.Tests.TRC401;

public class SensitiveAttributeTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Diagnostics;
        using Instrumentation;

        """;

    private static DiagnosticResult Sensitive(int location, string subject, string what) =>
        new DiagnosticResult("TRC401", DiagnosticSeverity.Warning).WithLocation(location).WithArguments(subject, what);

    [Fact]
    public Task Keys_that_name_secrets_or_personal_data_are_reported_wherever_they_reach_a_span() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class Login
            {
                private static readonly ActivitySource Source = new("Shop");

                public void Run(Activity activity, string password, string token, string header, string card)
                {
                    activity.SetTag({|#0:"app.user.password"|}, password);
                    activity?.AddTag({|#1:"auth.token"|}, token);
                    activity.SetTag({|#2:"http.request.header.authorization"|}, header);
                    activity.SetTag({|#3:"app.payment.card_number"|}, card);
                    activity.SetTag({|#4:"user.email"|}, "a@b.c");
                    using var child = Source.StartActivity("login", ActivityKind.Internal, default(ActivityContext),
                        new[] { new KeyValuePair<string, object?>({|#5:"app.api_key"|}, token) });
                }
            }
            """,
            Sensitive(0, "Attribute key 'app.user.password'", "a password"),
            Sensitive(1, "Attribute key 'auth.token'", "a credential token"),
            Sensitive(2, "Attribute key 'http.request.header.authorization'", "an authorization header"),
            Sensitive(3, "Attribute key 'app.payment.card_number'", "a card number"),
            Sensitive(4, "Attribute key 'user.email'", "an email address"),
            Sensitive(5, "Attribute key 'app.api_key'", "an API key"));

    [Fact]
    public Task Counts_measures_defined_keys_and_removals_are_not_reported() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            public class Usage
            {
                public void Run(Activity activity)
                {
                    activity.SetTag("gen_ai.usage.input_tokens", 12);
                    activity.SetTag("app.token_count", 3);
                    activity.SetTag("tokens.total", 3);
                    activity.SetTag("app.password_length", 8);
                    activity.SetTag("app.email.count", 2);
                    activity.SetTag("app.password.hash", "abc");
                    activity.SetTag("app.order_id", "o-1");
                    activity.SetTag("app.user.password", null);
                }
            }
            """);

    [Fact]
    public Task Tagged_parameters_are_reported_by_key_name_or_classification() =>
        Verify.VerifyAnalyzerAsync(Usings + """
            namespace Microsoft.Extensions.Compliance.Classification
            {
                public class DataClassificationAttribute : Attribute { }
            }

            public sealed class PersonalDataAttribute : Microsoft.Extensions.Compliance.Classification.DataClassificationAttribute { }

            public class Accounts
            {
                [Traced]
                public void Register(
                    [Tag({|#0:"app.account.secret"|})] string value,
                    [{|#1:Tag("app.account.value")|}] string password,
                    [{|#2:Tag("app.account.holder")|}, PersonalData] string holder,
                    [Tag("app.account.id")] string id,
                    [Tag("app.account.password_length")] int passwordLength) { }
            }
            """,
            Sensitive(0, "Attribute key 'app.account.secret'", "a secret"),
            Sensitive(1, "Parameter 'password'", "a password"),
            Sensitive(2, "Parameter 'holder'", "classified data ([PersonalData])"));

    [Theory]
    [InlineData("db.connection_string", "a connection string")]
    [InlineData("app.ConnectionString", "a connection string")]
    [InlineData("set-cookie", "a cookie")]
    [InlineData("app.date_of_birth", "a date of birth")]
    [InlineData("refresh_token", "a credential token")]
    [InlineData("id_token", "a credential token")]
    [InlineData("app.token", "a credential token")]
    [InlineData("bearer", "a credential token")]
    [InlineData("app.iban", "a bank account number")]
    [InlineData("app.private_key", "a private key")]
    [InlineData("app.phone_number", "a phone number")]
    [InlineData("app.national_id", "a national identity number")]
    [InlineData("apiKey", "an API key")]
    [InlineData("app.passwd", "a password")]
    [InlineData("gen_ai.usage.output_tokens", null)]
    [InlineData("app.tokenizer", null)]
    [InlineData("app.password_policy", null)]
    [InlineData("app.card.type", null)]
    [InlineData("email.count", null)]
    [InlineData("app.retry_count", null)]
    public void Names_are_classified_by_their_words(string name, string? expected) =>
        Assert.Equal(expected, SensitiveData.Classify(name));
}
