using System;
using System.Diagnostics;
using System.Linq;
using System.Threading.Tasks;
using Instrumentation.IntegrationTests.Infrastructure;
using Instrumentation.IntegrationTests.Subjects;
using Xunit;

namespace Instrumentation.IntegrationTests;

/// <summary>Shapes where tracing used to change what the caller sees, or where the generated code did not compile.</summary>
[Collection(SerialTracing.Name)]
public sealed class TrustShapeTests
{
    [Fact]
    public void PrivateMembersOfAStructAreCalledOnTheRightReceiver()
    {
        using var spans = new SpanRecorder();
        var members = default(PrivateStructMembers);

        Assert.Equal(4, members.BumpTwiceAndPeek());

        Assert.Equal(2, members.Count);
        Assert.Equal(["PrivateStructMembers.Bump", "PrivateStructMembers.Bump", "PrivateStructMembers.Peek", "PrivateStructMembers.Twice"], spans.StoppedNames);
    }

    [Fact]
    public void PrivateMemberOfAReadonlyStruct()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(7, new ReadonlySnapshot(7).Read());

        Assert.Equal(["ReadonlySnapshot.Value"], spans.StoppedNames);
    }

    [Fact]
    public void ConditionalMethodRunsAndIsTracedOnlyWhereItsSymbolIsDefined()
    {
        using var spans = new SpanRecorder();
        Audit.Runs = 0;

        AuditElsewhere.RecordHere();
        Assert.Equal(0, Audit.Runs);
        Assert.Empty(spans.Stopped);

        Audit.RecordHere();
        Assert.Equal(1, Audit.Runs);
        Assert.Equal(["Audit.Record"], spans.StoppedNames);
    }

    [Fact]
    public void AnActivityTheMethodMadeCurrentStaysCurrent()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();

        using var started = CurrentChanging.StartOwn("own.work");

        Assert.NotNull(started);
        Assert.Same(started, Activity.Current);
        // Started inside the span: its parent is the span, which has ended.
        var span = spans.Single("CurrentChanging.StartOwn");
        Assert.Equal(span.SpanId, started.ParentSpanId);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
    }

    [Fact]
    public async Task AnActivityATaskReturningMethodMadeCurrentStaysCurrent()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();

        var task = CurrentChanging.StartOwnAsTask("own.async.work");
        var started = Activity.Current;
        using var result = await task;

        Assert.NotNull(result);
        Assert.Same(result, started);
        Assert.Single(spans.Stopped, s => s.DisplayName == "CurrentChanging.StartOwnAsTask");
    }

    [Fact]
    public void ClearingCurrentInTheMethodClearsItForTheCaller()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();

        CurrentChanging.ClearCurrent();

        Assert.Null(Activity.Current);
        Assert.Single(spans.Stopped, s => s.DisplayName == "CurrentChanging.ClearCurrent");
    }

    [Fact]
    public void CurrentIsTheCallersAgainAfterAnOrdinaryCall()
    {
        using var spans = new SpanRecorder();
        using var parent = SpanRecorder.StartParent();

        Assert.Equal(2, Awkward.@event(1));

        Assert.Same(parent, Activity.Current);
    }

    [Fact]
    public void KeywordNamesAndLineBreaksInSpanNames()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(2, Awkward.@event(1));
        Assert.Equal(1, Awkward.Multiline());
        Assert.Equal(2, Awkward.Separator());

        Assert.Equal(["Awkward.event", "first line\nsecond line", "paragraph\u2028separator"], spans.StoppedNames);
    }

    [Fact]
    public void TheInterceptorAddsNoFrameToTheStackTrace()
    {
        using var spans = new SpanRecorder();

        var thrown = Assert.Throws<InvalidOperationException>(() => Awkward.Throw());

        Assert.DoesNotContain("Instrumentation.Generated", thrown.StackTrace, StringComparison.Ordinal);
        Assert.Contains("Awkward.Throw", thrown.StackTrace, StringComparison.Ordinal);
        Assert.Contains(nameof(TheInterceptorAddsNoFrameToTheStackTrace), thrown.StackTrace, StringComparison.Ordinal);
        Assert.Single(spans.Stopped);
    }

    [Fact]
    public void ObsoleteExperimentalAndTrimmingSensitiveMethodsAreTraced()
    {
        using var spans = new SpanRecorder();

#pragma warning disable CS0618 // The callers are obsolete (as errors) themselves; the test calls them on purpose.
        Assert.Equal(3, CallOld());
#pragma warning restore CS0618
#pragma warning disable TRUST001
        Assert.Equal(4, Awkward.CallPreview());
#pragma warning restore TRUST001
        Assert.True(CallTrimmingSensitive() > 1);
        Assert.True(AwkwardCallers.CallAnnotated() > 0);

        Assert.Equal(
            ["Awkward.Old", "Awkward.Preview", "Awkward.MemberCount", "Awkward.ArrayOf", "Awkward.PublicMethodCount", "Awkward.PublicPropertyCount"],
            spans.StoppedNames);

        [Obsolete("Calls an obsolete member.")]
        static int CallOld() => AwkwardCallers.CallOld();

        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "Test of the generated code.")]
        [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050", Justification = "Test of the generated code.")]
        static int CallTrimmingSensitive() => AwkwardCallers.CallTrimmingSensitive();
    }

    [Fact]
    public void APartialIteratorsSpanCoversItsEnumeration()
    {
        using var spans = new SpanRecorder();
        var iterators = new PartialIterators();

        var numbers = iterators.Numbers(3);
        Assert.Empty(spans.Started);
        Assert.Equal(0, iterators.Produced);

        Assert.Equal([0, 1, 2], numbers);
        Assert.Equal(3, iterators.Produced);
        Assert.Equal(["PartialIterators.Numbers"], spans.StoppedNames);
    }

    [Fact]
    public async Task AnAsyncCancellationRecordsTheExceptionTheMethodThrew()
    {
        using var spans = new SpanRecorder();
        using var cancellation = new System.Threading.CancellationTokenSource();
        await cancellation.CancelAsync();

        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Cancelling.GiveUpAsync(cancellation.Token));

        var span = spans.Single("Cancelling.GiveUpAsync");
        var recorded = Assert.Single(span.Events, e => e.Name == "exception");
        Assert.Equal(thrown.GetType().FullName, recorded.Tags.Single(t => t.Key == "exception.type").Value);
        Assert.Equal("gave up waiting for stock", recorded.Tags.Single(t => t.Key == "exception.message").Value);
        var stackTrace = (string)recorded.Tags.Single(t => t.Key == "exception.stacktrace").Value!;
        Assert.Contains(nameof(Cancelling.GiveUpAsync), stackTrace, StringComparison.Ordinal);
        // Reading the canceled task's exception rethrows it: neither the recorded stack trace nor the caller's shows that.
        Assert.True(!stackTrace.Contains("Instrumentation.Runtime", StringComparison.Ordinal), stackTrace);
        Assert.DoesNotContain("Instrumentation.Runtime", thrown.StackTrace, StringComparison.Ordinal);
        // Requested through the method's own token: not an error.
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    [Fact]
    public void WithNobodyListeningATracedRecursionGoesAlmostAsDeep()
    {
        // Each traced call adds the interceptor's frame. Once the JIT optimizes, the interceptor is inlined and the depth
        // is the untraced one; unoptimized (this Debug build, or cold Tier-0 code) its frame is the smallest a call can
        // have. The interceptor used to hold the span's try/catch/finally: a fifth of the untraced depth.
        var untraced = OnSmallStack(() => Recursion.UntracedDepth(0));
        var traced = OnSmallStack(() => Recursion.TracedDepth(0));

        Assert.True(traced * 3 >= untraced, $"traced recursion reached depth {traced}, untraced {untraced}");

        static int OnSmallStack(Func<int> run)
        {
            var depth = 0;
            var thread = new System.Threading.Thread(() => depth = run(), 512 * 1024);
            thread.Start();
            thread.Join();
            return depth;
        }
    }

    [Fact]
    public void PrivateGenericMembersAndMembersOfStaticClassesAreTraced()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(3, new GenericBag<int>().AddAll(1, 2));
        Assert.Equal("echo", new GenericBag<int>.Nested<string>("fallback").Run("echo"));
        Assert.Equal(10, StaticHelpers.Run());

        Assert.Equal(["GenericBag.Add", "GenericBag.Add", "GenericBag.CountWith", "Nested.Echo", "StaticHelpers.Twice", "StaticHelpers.Identity"], spans.StoppedNames);
    }

    [Fact]
    public void PrivateStaticMembersOfGenericStaticClassesAreTraced()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("key".Length + "key=1".Length, GenericStaticHelpers<string>.Run("key"));
        Assert.Equal("7:x", GenericStaticHelpers<int>.Inner<string>.Run(7, "x"));

        Assert.Equal(["GenericStaticHelpers.Hash", "GenericStaticHelpers.Pair", "Inner.Describe"], spans.StoppedNames);
    }

    [Fact]
    public void StaticMethodsOfPrivateNestedGenericClassesAreTraced()
    {
        using var spans = new SpanRecorder();

        Assert.Equal("[3][x]", PrivateNestedGenerics.Run());

        Assert.Equal(["Box.Format", "Box.Format"], spans.StoppedNames);
    }

    [Fact]
    public void AGenericStructKeepsTheChangesItsMethodsMakeToThis()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(2, default(GenericCounter<long>).BumpTwiceOnThis());
        Assert.Empty(spans.Stopped);

        Assert.Equal(2, GenericCounter<long>.BumpTwiceOnALocal());
        Assert.Equal(["GenericCounter.Bump", "GenericCounter.Bump"], spans.StoppedNames);
    }

    [Fact]
    public void StaticMethodsOfPrivateNestedClassesAreTraced()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(15, HiddenHelpers.Run());

        Assert.Equal(["Hidden.Triple", "Box.Square"], spans.StoppedNames);
    }

    [Fact]
    public void MembersOfPrivateNestedTypesOfAStaticPartialClassAreTraced()
    {
        using var spans = new SpanRecorder();

        // Counter 5 + Accumulator 9 (the struct's own state changed, not a copy's) + Pair 30 + "<abc>" 5 + Counter 5 again.
        Assert.Equal(54, NestedHosts.Run());

        Assert.Equal(["Counter.Add", "Counter.Add", "Counter.Touch", "Accumulator.Push", "Accumulator.Push", "NestedHosts.Sum", "Box.Describe", "NestedHosts.TotalOf"], spans.StoppedNames);
    }

    [Fact]
    public async Task AsyncAndIteratorMembersOfPrivateNestedGenericTypesAreTraced()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(28, await NestedHosts.RunAsync());

        Assert.Equal(["Box.TwiceAsync", "Box.Repeat"], spans.StoppedNames);
    }

    [Fact]
    public void StaticMethodsNamingPrivateNestedTypesOfAPartialClassAreTraced()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(38, RowMapper.Run());

        Assert.Equal(["RowMapper.Map", "Point.Of"], spans.StoppedNames);
    }

    [Fact]
    public void ATypesMethodsThatNeedTheHostAndThoseThatDoNotAreAllTraced()
    {
        using var spans = new SpanRecorder();

        Assert.Equal(15, MixedHosts.Run());

        Assert.Equal(["MixedHosts.Plain", "MixedHosts.WithPrivate", "Inner.Static", "Inner.Get", "MixedHosts.Plain"], spans.StoppedNames);
    }

    [Fact]
    public void InParametersOfVirtualAndInterfaceMethodsAreTraced()
    {
        using var spans = new SpanRecorder();

        // 10 + 13 + 14 + 12 + 14: the overrides run, as untraced.
        Assert.Equal(63, ReadsIn.Run());

        Assert.Equal(["IReadsIn.Read", "ReadsInBase.Abstract", "ReadsInBase.Virtual", "ReadsInBase.ReadOnlyRef", "ReadsIn.Virtual"], spans.StoppedNames);
    }

    [Fact]
    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The test reads this assembly's own types; it is not trimmed.")]
    public void AssemblyScannersSeeNoConcreteClassOfTheGeneratedCode()
    {
        // Convention-based registration (Scrutor's AddClasses, serializers) takes concrete classes that the compiler did
        // not write: every generated type is static, or marked [CompilerGenerated] like the file-local attributes.
        var generated = typeof(TrustShapeTests).Assembly.GetTypes()
            .Where(t => t.Namespace is "Instrumentation.Generated" or "System.Runtime.CompilerServices" || t.Name.Contains("TracedInterceptors", StringComparison.Ordinal))
            .Where(t => t.IsClass && !t.IsAbstract && !t.IsDefined(typeof(System.Runtime.CompilerServices.CompilerGeneratedAttribute), inherit: false))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(generated);
        Assert.Contains(typeof(TrustShapeTests).Assembly.GetTypes(), t => t.Name.EndsWith("InterceptsLocationAttribute", StringComparison.Ordinal));
    }
}
