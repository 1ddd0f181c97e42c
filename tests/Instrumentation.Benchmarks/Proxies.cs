using System;
using System.Collections.Frozen;
using System.Diagnostics;
using System.Reflection;
using System.Threading.Tasks;
using Castle.DynamicProxy;

namespace Instrumentation.Benchmarks;

/// <summary>
/// Castle DynamicProxy interceptor doing the generated code's span work around <see cref="IInvocation.Proceed"/>.
/// A task still running when the method returns reaches the caller as a task that completes once the span has ended
/// (<see cref="SpanWork.EndWhenCompletedForProxy"/>), as with the generated code.
/// </summary>
public sealed class CastleTracingInterceptor : IInterceptor
{
    private static readonly ProxyGenerator Generator = new();
    private readonly FrozenDictionary<MethodInfo, string> _spanNames;

    private CastleTracingInterceptor(FrozenDictionary<MethodInfo, string> spanNames) => _spanNames = spanNames;

    /// <summary>A proxy of <typeparamref name="TInterface"/> that traces every call to <paramref name="target"/>.</summary>
    public static TInterface Wrap<TInterface>(TInterface target)
        where TInterface : class
    {
        var interceptor = new CastleTracingInterceptor(SpanWork.SpanNames(typeof(TInterface), target.GetType()));
        return Generator.CreateInterfaceProxyWithTarget(target, interceptor);
    }

    /// <inheritdoc/>
    public void Intercept(IInvocation invocation)
    {
        if (!SpanWork.Source.HasListeners())
        {
            invocation.Proceed();
            return;
        }

        var previous = Activity.Current;
        var activity = SpanWork.Source.StartActivity(_spanNames[invocation.Method], ActivityKind.Internal);
        if (activity is null)
        {
            invocation.Proceed();
            return;
        }

        var handedOff = false;
        try
        {
            invocation.Proceed();
            if (invocation.ReturnValue is Task task)
            {
                invocation.ReturnValue = SpanWork.EndWhenCompletedForProxy(activity, task);
                handedOff = true;
            }
        }
        catch (Exception exception) when (SpanWork.RecordExceptionAndRethrow(activity, exception))
        {
            throw;
        }
        finally
        {
            if (handedOff)
            {
                // As in the generated code: the span is current in the method's own continuations, not in the caller's.
                Activity.Current = previous;
            }
            else
            {
                activity.Dispose();
            }
        }
    }
}

/// <summary>
/// <see cref="DispatchProxy"/> doing the generated code's span work around a reflection call to the target
/// (<see cref="BindingFlags.DoNotWrapExceptions"/>: the target's exception propagates as is, not as a
/// <see cref="TargetInvocationException"/>). A task still running when the method returns reaches the caller as a task
/// that completes once the span has ended (<see cref="SpanWork.EndWhenCompletedForProxy"/>).
/// Public and unsealed: <see cref="DispatchProxy"/> derives from it.
/// </summary>
public class TracingDispatchProxy : DispatchProxy
{
    private object _target = null!;
    private FrozenDictionary<MethodInfo, string> _spanNames = null!;

    /// <summary>A proxy of <typeparamref name="TInterface"/> that traces every call to <paramref name="target"/>.</summary>
    public static TInterface Wrap<TInterface>(TInterface target)
        where TInterface : class
    {
        var proxy = Create<TInterface, TracingDispatchProxy>();
        var self = (TracingDispatchProxy)(object)proxy;
        self._target = target;
        self._spanNames = SpanWork.SpanNames(typeof(TInterface), target.GetType());
        return proxy;
    }

    /// <inheritdoc/>
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (!SpanWork.Source.HasListeners())
        {
            return Call(targetMethod, args);
        }

        var previous = Activity.Current;
        var activity = SpanWork.Source.StartActivity(_spanNames[targetMethod], ActivityKind.Internal);
        if (activity is null)
        {
            return Call(targetMethod, args);
        }

        var handedOff = false;
        try
        {
            var result = Call(targetMethod, args);
            if (result is Task task)
            {
                result = SpanWork.EndWhenCompletedForProxy(activity, task);
                handedOff = true;
            }

            return result;
        }
        catch (Exception exception) when (SpanWork.RecordExceptionAndRethrow(activity, exception))
        {
            throw;
        }
        finally
        {
            if (handedOff)
            {
                Activity.Current = previous;
            }
            else
            {
                activity.Dispose();
            }
        }
    }

    private object? Call(MethodInfo method, object?[]? args) =>
        method.Invoke(_target, BindingFlags.DoNotWrapExceptions, binder: null, args, culture: null);
}
