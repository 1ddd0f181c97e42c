using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Reflection;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using OpenTelemetry;
using OpenTelemetry.Trace;
using Xunit;

namespace Instrumentation.IntegrationTests;

[Collection(SerialTracing.Name)]
public sealed class NamingTests
{
    [Fact]
    public void DefaultNameIsTypeDotMethodWithKindInternal()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(1, new Naming().Default());

        var span = spans.Single();
        Assert.Equal("Naming.Default", span.DisplayName);
        Assert.Equal("Naming.Default", span.OperationName);
        Assert.Equal(ActivityKind.Internal, span.Kind);
        SpanAssert.Succeeded(span);
    }

    [Fact]
    public void ConstructorNameOverridesTheDefault()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(2, new Naming().CustomName());

        Assert.Equal("naming.custom", spans.Single().DisplayName);
    }

    [Fact]
    public void NamePropertyOverridesTheDefault()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(3, new Naming().NameProperty());

        Assert.Equal("naming.property", spans.Single().DisplayName);
    }

    [Fact]
    public void KindIsHonored()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(4, new Naming().ClientKind());
        Assert.Equal(5, new Naming().NameAndKind());

        var client = spans.Single("Naming.ClientKind");
        Assert.Equal(ActivityKind.Client, client.Kind);
        var producer = spans.Single("naming.producer");
        Assert.Equal(ActivityKind.Producer, producer.Kind);
    }

    [Fact]
    public void GenericTypesAndMethodsHaveNoArityInTheirName()
    {
        using var spans = new SpanRecorder();
        var repository = new Repository<Customer>("c-");

        var customer = repository.Create("1");
        var length = repository.Project(customer, c => c.Id.Length);
        var max = Generic.Max(3, 8);

        Assert.Equal("c-1", customer.Id);
        Assert.Equal(3, length);
        Assert.Equal(8, max);
        Assert.Equal(["Repository.Create", "Repository.Project", "Generic.Max"], spans.StoppedNames);
    }

    [Fact]
    public void SourceIsNamedAfterTheAssemblyWithItsInformationalVersion()
    {
        var assembly = typeof(NamingTests).Assembly;
        var informationalVersion = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        Assert.False(string.IsNullOrEmpty(informationalVersion));
        using var spans = new SpanRecorder();

        new Naming().Default();

        var span = spans.Single();
        Assert.Equal(assembly.GetName().Name, span.Source.Name);
        Assert.Equal(informationalVersion, span.Source.Version);
    }

    [Fact]
    public void OpenTelemetryExportsTheSpanWhenTheAssemblySourceIsRegistered()
    {
        var exported = new List<Activity>();
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddSource(typeof(NamingTests).Assembly.GetName().Name!)
            .AddInMemoryExporter(exported)
            .Build())
        {
            Assert.Equal(2, new Naming().CustomName());
        }

        var span = Assert.Single(exported);
        Assert.Equal("naming.custom", span.DisplayName);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public void AddTracedSourcesRegistersTheSourceOfTheTracedMethods()
    {
        var exported = new List<Activity>();
        using (var provider = Sdk.CreateTracerProviderBuilder()
            .AddTracedSources()
            .AddInMemoryExporter(exported)
            .Build())
        {
            Assert.Equal(2, new Naming().CustomName());
        }

        var span = Assert.Single(exported);
        Assert.Equal("naming.custom", span.DisplayName);
        Assert.Equal(typeof(NamingTests).Assembly.GetName().Name, span.Source.Name);
    }

    [Fact]
    public void AddTracedSourcesRejectsANullBuilder() =>
        Assert.Throws<ArgumentNullException>("builder", () => TracedSourcesTracerProviderBuilderExtensions.AddTracedSources(null!));
}
