using System;
using System.Linq;
using Instrumentation.Generators.Analyzers.AttributeKeys;
using Instrumentation.Generators.SemanticConventions;
using Xunit;

namespace Instrumentation.Analyzers.Tests.SemanticConventions;

public class SemanticConventionRegistryTests
{
    [Fact]
    public void Table_is_generated_from_a_recorded_package_version_with_stable_and_incubating_keys()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+", SemanticConventionRegistry.PackageVersion);
        Assert.True(SemanticConventionRegistry.DefinedKeyCount > 900, $"only {SemanticConventionRegistry.DefinedKeyCount} keys");
        Assert.True(SemanticConventionRegistry.TemplateCount > 20);

        Assert.True(SemanticConventionRegistry.IsStable("http.request.method"));
        Assert.True(SemanticConventionRegistry.IsStable("url.full"));
        Assert.False(SemanticConventionRegistry.IsStable("messaging.destination.name"));
        Assert.True(SemanticConventionRegistry.IsDefined("messaging.destination.name"));
        Assert.True(SemanticConventionRegistry.IsDefined("k8s.pod.name"));
    }

    [Fact]
    public void Table_holds_no_duplicates_and_every_defined_key_follows_the_naming_rules()
    {
        Assert.Equal(SemanticConventionTable.DefinedKeys.Length, SemanticConventionTable.DefinedKeys.Distinct().Count());
        Assert.All(SemanticConventionTable.DefinedKeys, key => Assert.True(AttributeKeyNaming.IsWellFormed(key), key));
        Assert.All(SemanticConventionTable.TemplatePrefixes, prefix => Assert.True(AttributeKeyNaming.IsWellFormed(prefix), prefix));
    }

    [Fact]
    public void Every_single_replacement_is_a_valid_current_key()
    {
        foreach (var row in SemanticConventionTable.DeprecatedKeys)
        {
            if (!SemanticConventionRegistry.TryGetDeprecation(row.Key, out var deprecation) || deprecation.Replacement is not { } replacement)
            {
                continue;
            }

            var valid = (SemanticConventionRegistry.IsDefined(replacement) && !SemanticConventionRegistry.TryGetDeprecation(replacement, out _))
                || SemanticConventionRegistry.TryMatchTemplate(replacement, out _);
            Assert.True(valid, $"{row.Key} -> {replacement}");
        }
    }

    [Fact]
    public void Http_method_is_deprecated_and_replaced_by_http_request_method()
    {
        Assert.True(SemanticConventionRegistry.IsDefined("http.method"));
        Assert.True(SemanticConventionRegistry.TryGetDeprecation("http.method", out var deprecation));
        Assert.Equal("http.request.method", deprecation.Replacement);
    }

    [Theory]
    [InlineData("http.status_code", "http.response.status_code")]
    [InlineData("http.url", "url.full")]
    [InlineData("db.statement", "db.query.text")]
    [InlineData("db.system", "db.system.name")]
    [InlineData("messaging.system", "messaging.system.name")]
    [InlineData("net.peer.ip", "network.peer.address")]
    [InlineData("otel.library.name", "otel.scope.name")]
    [InlineData("gen_ai.system", "gen_ai.provider.name")]
    public void Deprecated_keys_with_one_successor(string key, string replacement)
    {
        Assert.True(SemanticConventionRegistry.TryGetDeprecation(key, out var deprecation));
        Assert.Equal(replacement, deprecation.Replacement);
    }

    [Theory]
    [InlineData("http.target", "url.path")]
    [InlineData("net.peer.name", "server.address")]
    [InlineData("net.peer.port", "client.port")]
    [InlineData("http.host", "http.request.header.host")]
    [InlineData("peer.service", "server.service.name")]
    [InlineData("exception.escaped", "no longer recommended")]
    public void Context_dependent_deprecations_have_guidance_and_no_automatic_replacement(string key, string guidanceMentions)
    {
        Assert.True(SemanticConventionRegistry.TryGetDeprecation(key, out var deprecation));
        Assert.Null(deprecation.Replacement);
        Assert.Contains(guidanceMentions, deprecation.Guidance);
    }

    [Fact]
    public void Legacy_keys_dropped_from_the_registry_are_still_known_as_deprecated()
    {
        Assert.True(SemanticConventionRegistry.TryGetDeprecation("messaging.destination", out var deprecation));
        Assert.Equal("messaging.destination.name", deprecation.Replacement);
        Assert.True(SemanticConventionRegistry.TryGetDeprecation("messaging.message_id", out deprecation));
        Assert.Equal("messaging.message.id", deprecation.Replacement);
    }

    [Fact]
    public void Deprecation_pointing_at_a_template_instance_keeps_its_replacement()
    {
        Assert.True(SemanticConventionRegistry.TryGetDeprecation("http.request_content_length", out var deprecation));
        Assert.Equal("http.request.header.content-length", deprecation.Replacement);
    }

    [Theory]
    [InlineData("gen_ai.provider.name")]
    [InlineData("gen_ai.request.model")]
    [InlineData("gen_ai.usage.input_tokens")]
    [InlineData("gen_ai.operation.name")]
    [InlineData("mcp.method.name")]
    public void Keys_that_only_moved_to_another_repository_are_valid(string key)
    {
        Assert.Contains(key, SemanticConventionTable.MovedKeys);
        Assert.True(SemanticConventionRegistry.IsDefined(key));
        Assert.False(SemanticConventionRegistry.TryGetDeprecation(key, out _));
        Assert.Equal(AttributeKeyProblem.None, AttributeKeyVerdict.Classify(key, SemanticConventionVersion.Table).Problem);
    }

    [Theory]
    [InlineData("http.request.header.x_foo", "http.request.header")]
    [InlineData("http.request.header.content-type", "http.request.header")]
    [InlineData("http.response.header.x-request-id", "http.response.header")]
    [InlineData("k8s.pod.label.app", "k8s.pod.label")]
    [InlineData("db.query.parameter.0", "db.query.parameter")]
    public void Template_attributes_accept_any_suffix(string key, string prefix)
    {
        Assert.True(SemanticConventionRegistry.TryMatchTemplate(key, out var matched));
        Assert.Equal(prefix, matched);
        Assert.Equal(AttributeKeyProblem.None, AttributeKeyVerdict.Classify(key, SemanticConventionVersion.Table).Problem);
    }

    [Theory]
    [InlineData("http.request.header")]
    [InlineData("http.request.header.")]
    [InlineData("http.request.headers.x")]
    public void Template_prefix_without_a_suffix_is_not_a_template_instance(string key) =>
        Assert.False(SemanticConventionRegistry.TryMatchTemplate(key, out _));

    [Fact]
    public void Deprecated_template_maps_the_suffix_onto_the_successor_template()
    {
        Assert.True(SemanticConventionRegistry.TryMatchTemplate("rpc.grpc.request.metadata.user-agent", out var prefix));
        Assert.True(SemanticConventionRegistry.TryGetTemplateDeprecation("rpc.grpc.request.metadata.user-agent", prefix, SemanticConventionVersion.Table, out var deprecation));
        Assert.Equal("rpc.request.header.user-agent", deprecation.Replacement);
    }

    [Theory]
    [InlineData("http.anything", "http")]
    [InlineData("url.foo", "url")]
    [InlineData("db.foo.bar", "db")]
    [InlineData("gen_ai.foo", "gen_ai")]
    [InlineData("k8s.foo", "k8s")]
    [InlineData("app.screen.nmae", "app.screen")]
    [InlineData("process.executable.foo", "process.executable")]
    public void Owning_namespace_of_keys_inside_the_conventions(string key, string expected)
    {
        Assert.True(SemanticConventionRegistry.TryGetOwningNamespace(key, out var ownedNamespace));
        Assert.Equal(expected, ownedNamespace);
    }

    [Theory]
    [InlineData("myapp.order.id")]
    [InlineData("tenant")]
    [InlineData("order.id")]
    [InlineData("app.order.customer_id")]
    [InlineData("user.tier")]
    [InlineData("error.code")]
    [InlineData("event.type")]
    [InlineData("payment.amount")]
    [InlineData("http")]
    public void Application_namespaces_are_not_owned(string key) =>
        Assert.False(SemanticConventionRegistry.TryGetOwningNamespace(key, out _));

    [Fact]
    public void Typo_suggests_the_closest_defined_key()
    {
        Assert.Equal(["http.request.method"], KeySuggestions.GetClosestKeys("http.request.methd", SemanticConventionVersion.Table));
        Assert.Equal(["http.response.status_code"], KeySuggestions.GetClosestKeys("http.response.status_cdoe", SemanticConventionVersion.Table));
        Assert.Equal(["db.query.text"], KeySuggestions.GetClosestKeys("db.query.txet", SemanticConventionVersion.Table));
    }

    [Theory]
    [InlineData("http.foo")]
    [InlineData("http.response.status")]
    [InlineData("db.completely.different.thing")]
    public void No_suggestion_when_nothing_is_close(string key) =>
        Assert.Empty(KeySuggestions.GetClosestKeys(key, SemanticConventionVersion.Table));

    [Fact]
    public void Deprecated_keys_are_never_suggested()
    {
        // "http.methods" is one edit from the deprecated "http.method" only.
        Assert.DoesNotContain("http.method", KeySuggestions.GetClosestKeys("http.methods", SemanticConventionVersion.Table));
    }

    [Theory]
    [InlineData("order.id", "None")]
    [InlineData("tenant", "None")]
    [InlineData("a1.b_2", "None")]
    [InlineData("", "Empty")]
    [InlineData("orderId", "Uppercase")]
    [InlineData("order id", "Whitespace")]
    [InlineData("x-request-id", "Hyphen")]
    [InlineData("order/id", "OtherCharacter")]
    [InlineData("http..method", "EmptySegment")]
    [InlineData(".order", "EmptySegment")]
    [InlineData("order.", "EmptySegment")]
    [InlineData("http.2xx", "SegmentStart")]
    [InlineData("_private", "SegmentStart")]
    [InlineData("Order Id", "Uppercase, Whitespace")]
    public void Naming_rules(string key, string expected) =>
        Assert.Equal(Enum.Parse<KeyNamingViolations>(expected), AttributeKeyNaming.CheckNaming(key));

    [Theory]
    [InlineData("orderId", "order_id")]
    [InlineData("OrderId", "order_id")]
    [InlineData("HTTP.Method", "http.method")]
    [InlineData("userID", "user_id")]
    [InlineData("HTTPStatus", "http_status")]
    [InlineData("myApp.orderId", "my_app.order_id")]
    [InlineData("order id", "order_id")]
    [InlineData("x-request-id", "x_request_id")]
    [InlineData("http..method", "http.method")]
    [InlineData(".order.", "order")]
    [InlineData("order__id", "order_id")]
    [InlineData("otel.custom_thing", "custom_thing")]
    [InlineData("OTEL.STATUS_CODE", "otel.status_code")]
    public void Normalization(string key, string expected) =>
        Assert.Equal(expected, AttributeKeyNaming.Normalize(key));

    [Theory]
    [InlineData("order.id")]
    [InlineData("http.2xx")]
    [InlineData("")]
    [InlineData("...")]
    public void No_normalized_key_when_already_valid_or_not_derivable(string key) =>
        Assert.Null(AttributeKeyNaming.Normalize(key));

    [Theory]
    [InlineData("otel.status_code")]
    [InlineData("otel.status_description")]
    [InlineData("otel.scope.name")]
    [InlineData("otel.scope.version")]
    public void Keys_defined_under_the_reserved_prefix_are_allowed(string key)
    {
        Assert.False(AttributeKeyNaming.IsReservedPrefixMisuse(key));
        Assert.Equal(AttributeKeyProblem.None, AttributeKeyVerdict.Classify(key, SemanticConventionVersion.Table).Problem);
    }

    [Theory]
    [InlineData("otel.custom", "ReservedPrefix")]
    [InlineData("otel.status_cdoe", "ReservedPrefix")]
    [InlineData("http.method", "Deprecated")]
    [InlineData("http.request.methd", "NearMiss")]
    [InlineData("messaging.masstransit.message_id", "Undefined")]
    [InlineData("db.npgsql.command_id", "Undefined")]
    [InlineData("message.type", "DeprecatedWithoutReplacement")]
    [InlineData("rpc.message.id", "DeprecatedWithoutReplacement")]
    [InlineData("net.peer.name", "Deprecated")]
    [InlineData("Http.Method", "Malformed")]
    [InlineData("http.request.method", "None")]
    [InlineData("myapp.order.id", "None")]
    [InlineData("tenant", "None")]
    [InlineData("state", "None")]
    public void Classification_reports_one_problem_by_priority(string key, string expected) =>
        Assert.Equal(Enum.Parse<AttributeKeyProblem>(expected), AttributeKeyVerdict.Classify(key, SemanticConventionVersion.Table).Problem);

    [Fact]
    public void Every_deprecation_is_dated_by_a_release_between_the_oldest_known_and_the_table()
    {
        Assert.All(SemanticConventionTable.DeprecatedKeys.Concat(SemanticConventionTable.DeprecatedTemplates), deprecation =>
        {
            Assert.True(deprecation.SinceVersion >= SemanticConventionVersion.OldestKnown, deprecation.Key);
            Assert.True(deprecation.SinceVersion <= SemanticConventionVersion.Table, deprecation.Key);
        });
    }

    [Theory]
    [InlineData("rpc.response.status_code", "1.45")]
    [InlineData("messaging.kafka.message.key", "1.45")]
    [InlineData("rpc.system", "1.39")]
    [InlineData("db.system", "1.30")]
    [InlineData("http.method", "1.26")]
    public void Deprecations_carry_the_release_that_made_them(string key, string since)
    {
        Assert.True(SemanticConventionRegistry.TryGetDeprecationRow(key, out var row));
        Assert.Equal(since, row.SinceVersion.ToString());
    }

    [Fact]
    public void A_deprecation_newer_than_the_targeted_release_does_not_apply()
    {
        var v142 = SemanticConventionVersion.Parse("1.42");
        Assert.False(SemanticConventionRegistry.TryGetDeprecation("rpc.response.status_code", v142, out _));
        Assert.False(SemanticConventionRegistry.TryGetDeprecation("messaging.kafka.message.key", v142, out _));
        Assert.True(SemanticConventionRegistry.TryGetDeprecation("rpc.system", v142, out _));
        Assert.Equal(AttributeKeyProblem.None, AttributeKeyVerdict.Classify("messaging.kafka.message.key", v142).Problem);
        Assert.Equal(AttributeKeyProblem.Deprecated, AttributeKeyVerdict.Classify("messaging.kafka.message.key", SemanticConventionVersion.Table).Problem);
    }

    [Fact]
    public void A_chain_of_renames_stops_at_the_key_the_targeted_release_defines()
    {
        // messaging.kafka.message_key -> messaging.kafka.message.key (long ago) -> kafka.message.key (1.45).
        Assert.True(SemanticConventionRegistry.TryGetDeprecation("messaging.kafka.message_key", SemanticConventionVersion.Parse("1.42"), out var old));
        Assert.Equal("messaging.kafka.message.key", old.Replacement);
        Assert.True(SemanticConventionRegistry.TryGetDeprecation("messaging.kafka.message_key", SemanticConventionVersion.Table, out var current));
        Assert.Equal("kafka.message.key", current.Replacement);
    }

    [Fact]
    public void A_chain_that_ends_without_a_single_successor_has_no_replacement()
    {
        Assert.True(SemanticConventionRegistry.TryGetDeprecation("messaging.kafka.partition", out var deprecation));
        Assert.Null(deprecation.Replacement);
        Assert.Contains("which is deprecated too", deprecation.Guidance, StringComparison.Ordinal);
        Assert.Equal(DeprecationKind.Guided, deprecation.Kind);
    }

    [Theory]
    [InlineData("1.42", 1, 42)]
    [InlineData("1.42.0", 1, 42)]
    [InlineData(" v1.33.1 ", 1, 33)]
    [InlineData("2.0", 2, 0)]
    public void Versions_parse_by_major_and_minor(string text, int major, int minor)
    {
        Assert.True(SemanticConventionVersion.TryParse(text, out var version));
        Assert.Equal(new SemanticConventionVersion(major, minor), version);
    }

    [Theory]
    [InlineData("")]
    [InlineData("latest")]
    [InlineData("1")]
    [InlineData("1.x")]
    [InlineData("1.2.3.4")]
    [InlineData("-1.2")]
    public void Invalid_versions_are_rejected(string text) =>
        Assert.False(SemanticConventionVersion.TryParse(text, out _));

    [Fact]
    public void A_deprecation_at_the_oldest_known_release_reads_as_that_release_or_earlier()
    {
        Assert.Equal(SemanticConventionVersion.OldestKnown + " or earlier", SemanticConventionVersion.OldestKnown.DescribeAsSince());
        Assert.Equal("1.39", SemanticConventionVersion.Parse("1.39").DescribeAsSince());
    }

    [Fact]
    public void Near_misses_follow_the_targeted_release()
    {
        // rpc.response.status_code is current in 1.42, deprecated in 1.45.
        Assert.Contains("rpc.response.status_code", KeySuggestions.GetClosestKeys("rpc.response.status_cdoe", SemanticConventionVersion.Parse("1.42")));
        Assert.DoesNotContain("rpc.response.status_code", KeySuggestions.GetClosestKeys("rpc.response.status_cdoe", SemanticConventionVersion.Table));
    }
}
