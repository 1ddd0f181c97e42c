using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generators.Common;

namespace Instrumentation.Generators.Tracing;

/// <summary>Models → C# source. No symbols here: only the data the parser prepared.</summary>
internal static class Emitter
{
    private const string Runtime = "global::Instrumentation.Runtime.TracedCall";
    private const string ActivityType = "global::System.Diagnostics.Activity";
    private const string ExceptionType = "global::System.Exception";

    public static string GeneratorVersion { get; } = typeof(Emitter).Assembly.GetName().Version?.ToString() ?? "0.0.0.0";

    /// <summary>The activity sources the interceptors of this assembly start spans from: one per declaring assembly.</summary>
    public static string EmitSourceHolder(SourceHolderModel holder)
    {
        var writer = Header();
        writer.Open($"namespace {WellKnownNames.GeneratedNamespace}");
        writer.Line("/// <summary>");
        writer.Line("/// The <see cref=\"global::System.Diagnostics.ActivitySource\"/>s of the [Traced] methods this assembly calls, one per");
        writer.Line("/// declaring assembly. Register their names with <c>TracerProviderBuilder.AddSource(...)</c> to export the spans.");
        writer.Line("/// </summary>");
        writer.Line(GeneratedCodeAttribute());
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Open($"internal static class {holder.ClassName}");
        var first = true;
        foreach (var source in holder.Sources)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Line($"/// <summary>The name of <see cref=\"{source.FieldName}\"/>.</summary>");
            writer.Line($"public const string {source.FieldName}Name = {Literal(source.SourceName)};");
            writer.Line();
            writer.Line($"/// <summary>Source \"{EscapeXml(source.SourceName)}\".</summary>");
            writer.Line($"public static readonly global::System.Diagnostics.ActivitySource {source.FieldName} = new global::System.Diagnostics.ActivitySource({source.FieldName}Name, {(source.SourceVersion is null ? "null" : Literal(source.SourceVersion))});");
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>
    /// The manifest of this assembly's [Traced] method names: projects that reference the assembly bind only the calls
    /// whose name it lists.
    /// </summary>
    public static string EmitManifest(ManifestModel manifest)
    {
        var writer = Header();
        writer.Line("// The names of this assembly's [Traced] methods, read by Instrumentation.Generators in the projects that reference it.");
        writer.Line($"[assembly: global::Instrumentation.Runtime.TracedMethodNames({string.Join(", ", manifest.Names.Select(Literal))})]");
        return writer.ToString();
    }

    /// <summary>The interceptors of one declaring type.</summary>
    public static string EmitInterceptors(InterceptorFileModel file)
    {
        var writer = Header();
        writer.Line("#pragma warning disable CS0612, CS0618 // a [Traced] method may itself be obsolete");
        writer.Line();
        writer.Open("namespace System.Runtime.CompilerServices");
        writer.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
        writer.Open("file sealed class InterceptsLocationAttribute : global::System.Attribute");
        writer.Open("public InterceptsLocationAttribute(int version, string data)");
        writer.Line("_ = version;");
        writer.Line("_ = data;");
        writer.Close();
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Open($"namespace {WellKnownNames.GeneratedNamespace}");
        writer.Line($"/// <summary>Spans for calls to the [Traced] methods of <c>{EscapeXml(file.ContainingTypeDisplay)}</c>.</summary>");
        writer.Line(GeneratedCodeAttribute());
        writer.Open($"file static class {file.ClassName}");

        var names = new HashSet<string>();
        var first = true;
        foreach (var interceptor in file.Interceptors)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            var name = UniqueName(interceptor.Method.MethodName.TrimStart('@'), names);
            WriteInterceptor(writer, interceptor, name, file.SourceField);
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    private static void WriteInterceptor(SourceWriter writer, InterceptorModel interceptor, string name, string sourceField)
    {
        var method = interceptor.Method;
        var locals = new Locals(method);
        var call = ForwardedCall(method, locals, name, locals.This);

        if (method.Access == AccessKind.UnsafeAccessor)
        {
            WriteUnsafeAccessor(writer, method, locals, name);
        }

        writer.Line($"/// <summary>Span \"{EscapeXml(method.SpanName)}\" ({method.KindName}) around calls to <c>{EscapeXml(method.ContainingTypeDisplay)}.{method.MethodName}</c>.</summary>");
        foreach (var site in interceptor.CallSites)
        {
            writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({site.LocationVersion}, {Literal(site.LocationData)})] // {site.DisplayLocation}");
        }

        if (method.ReturnAttributes.Length > 0)
        {
            writer.Line(method.ReturnAttributes);
        }

        writer.Line($"internal static {(method.IsUnsafe ? "unsafe " : string.Empty)}{method.ReturnType} {name}{TypeParameterList(method)}({ParameterList(method, locals)})");
        foreach (var typeParameter in method.TypeParameters)
        {
            if (typeParameter.Constraints is not null)
            {
                writer.Line($"    where {typeParameter.Name} : {typeParameter.Constraints}");
            }
        }

        writer.Line("{");
        WriteBody(writer, method, locals, call, ForwardedCall(method, locals, name, locals.This + "!"), sourceField);
        writer.Line("}");
    }

    private static void WriteBody(SourceWriter writer, TracedMethodModel method, Locals locals, string call, string callOnNull, string sourceField)
    {
        var returnCall = ReturnCall(method, call);
        var isAsync = method.Shape is ReturnShape.Task or ReturnShape.TaskOfT or ReturnShape.ValueTask or ReturnShape.ValueTaskOfT;
        var inner = new SourceWriter();

        inner.Line("// Nobody listens: call straight through, with no allocation.");
        WriteEarlyReturn(inner, $"!{sourceField}.HasListeners()", returnCall);
        if (method.Receiver is not null && !method.ReceiverIsStruct)
        {
            inner.Line("// A null receiver throws NullReferenceException at the call, as without tracing; the method never runs, so no span.");
            WriteEarlyReturn(inner, $"{locals.This} is null", ReturnCall(method, callOnNull));
        }

        if (method.Shape is ReturnShape.Enumerable or ReturnShape.AsyncEnumerable)
        {
            WriteIteratorBody(inner, method, call, sourceField);
        }
        else
        {
            if (isAsync)
            {
                inner.Line($"var {locals.Previous} = {ActivityType}.Current;");
            }

            inner.Line($"var {locals.Activity} = {sourceField}.StartActivity({Literal(method.SpanName)}, global::System.Diagnostics.ActivityKind.{method.KindName});");
            WriteEarlyReturn(inner, $"{locals.Activity} is null", returnCall);
            WriteTags(inner, locals, method.Parameters.Where(p => p.TagKey is not null && !p.IsOut).Select(p => (p.TagKey!, p.Name)));
            if (isAsync)
            {
                WriteAsyncBody(inner, method, locals, call);
            }
            else
            {
                WriteSyncBody(inner, method, locals, call);
            }
        }

        foreach (var line in inner.ToString().TrimEnd('\n').Split('\n'))
        {
            writer.Line(line.Length == 0 ? string.Empty : "    " + line);
        }
    }

    /// <summary>The statements that forward the call unchanged and leave the interceptor.</summary>
    private static string[] ReturnCall(TracedMethodModel method, string call) =>
        method.Shape == ReturnShape.Void ? [$"{call};", "return;"] : [method.ReturnsByRef ? $"return ref {call};" : $"return {call};"];

    private static void WriteEarlyReturn(SourceWriter writer, string condition, string[] statements)
    {
        writer.Open($"if ({condition})");
        foreach (var statement in statements)
        {
            writer.Line(statement);
        }

        writer.Close();
        writer.Line();
    }

    private static void WriteSyncBody(SourceWriter writer, TracedMethodModel method, Locals locals, string call)
    {
        var afterTags = OutAndReturnTags(method, locals).ToList();
        writer.Open("try");
        if (method.Shape == ReturnShape.Void)
        {
            writer.Line($"{call};");
            WriteTags(writer, locals, afterTags);
        }
        else if (afterTags.Count == 0)
        {
            writer.Line(method.ReturnsByRef ? $"return ref {call};" : $"return {call};");
        }
        else
        {
            writer.Line(method.ReturnsByRef ? $"ref var {locals.Result} = ref {call};" : $"var {locals.Result} = {call};");
            WriteTags(writer, locals, afterTags);
            writer.Line(method.ReturnsByRef ? $"return ref {locals.Result};" : $"return {locals.Result};");
        }

        writer.Close();
        WriteExceptionFilter(writer, method, locals);
        writer.Open("finally");
        writer.Line($"{locals.Activity}.Dispose();");
        writer.Close();
    }

    private static void WriteAsyncBody(SourceWriter writer, TracedMethodModel method, Locals locals, string call)
    {
        writer.Line($"var {locals.Returned} = false;");
        writer.Line($"{method.ReturnType} {locals.Task};");
        writer.Open("try");
        // With [return: MaybeNull] the task itself may be null; EndWhenCompleted hands a null task back unchanged.
        writer.Line($"{locals.Task} = {call}{(method.ReturnAttributes.Length > 0 ? "!" : string.Empty)};");
        writer.Line($"{locals.Returned} = true;");
        writer.Close();
        WriteExceptionFilter(writer, method, locals);
        writer.Open("finally");
        writer.Line("// The span stays current inside the method's own continuations, never in the caller's.");
        writer.Line($"{ActivityType}.Current = {locals.Previous};");
        writer.Open($"if (!{locals.Returned})");
        writer.Line($"{locals.Activity}.Dispose();");
        writer.Close();
        writer.Close();
        writer.Line();
        WriteTags(writer, locals, method.Parameters.Where(p => p.TagKey is not null && p.IsOut).Select(p => (p.TagKey!, p.Name)));
        var resultTag = method.Shape is ReturnShape.TaskOfT or ReturnShape.ValueTaskOfT
            ? (method.ReturnTagKey is null ? "null, " : Literal(method.ReturnTagKey) + ", ")
            : string.Empty;
        writer.Line($"return {Runtime}.EndWhenCompleted({locals.Activity}, {locals.Task}, {Bool(method.RecordCancellationAsError)}, {resultTag}{CancellationTokenArgument(method)});");
    }

    private static void WriteIteratorBody(SourceWriter writer, TracedMethodModel method, string call, string sourceField)
    {
        // Calling an iterator method runs none of its code: the span starts when the enumeration starts
        // and ends when it completes, fails or is disposed.
        var tags = method.Parameters.Where(p => p.TagKey is not null).Select(p => $"new({Literal(p.TagKey!)}, {p.Name})").ToList();
        var tagArray = tags.Count == 0 ? "null" : $"new global::System.Collections.Generic.KeyValuePair<string, object?>[] {{ {string.Join(", ", tags)} }}";
        var wrapper = method.Shape == ReturnShape.Enumerable ? "TracedEnumerable" : "TracedAsyncEnumerable";
        writer.Line($"return new global::Instrumentation.Runtime.{wrapper}<{method.ResultType}>(");
        writer.Line($"    {call},");
        writer.Line($"    {sourceField},");
        writer.Line($"    {Literal(method.SpanName)},");
        writer.Line($"    global::System.Diagnostics.ActivityKind.{method.KindName},");
        writer.Line($"    {tagArray},");
        writer.Line($"    {Bool(method.RecordCancellationAsError)},");
        writer.Line($"    {CancellationTokenArgument(method)});");
    }

    private static void WriteExceptionFilter(SourceWriter writer, TracedMethodModel method, Locals locals)
    {
        // An exception filter that returns false records the exception without catching it:
        // the original exception keeps propagating with its original stack trace.
        writer.Open($"catch ({ExceptionType} {locals.Exception}) when ({Runtime}.RecordExceptionAndRethrow({locals.Activity}, {locals.Exception}, {Bool(method.RecordCancellationAsError)}, {CancellationTokenArgument(method)}))");
        writer.Line("throw;");
        writer.Close();
    }

    private static IEnumerable<(string Key, string Value)> OutAndReturnTags(TracedMethodModel method, Locals locals)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.TagKey is not null && parameter.IsOut)
            {
                yield return (parameter.TagKey, parameter.Name);
            }
        }

        if (method.ReturnTagKey is not null)
        {
            yield return (method.ReturnTagKey, locals.Result);
        }
    }

    private static void WriteTags(SourceWriter writer, Locals locals, IEnumerable<(string Key, string Value)> tags)
    {
        var list = tags.ToList();
        if (list.Count == 0)
        {
            return;
        }

        writer.Open($"if ({locals.Activity}.IsAllDataRequested)");
        foreach (var (key, value) in list)
        {
            writer.Line($"{locals.Activity}.SetTag({Literal(key)}, {value});");
        }

        writer.Close();
        writer.Line();
    }

    private static void WriteUnsafeAccessor(SourceWriter writer, TracedMethodModel method, Locals locals, string name)
    {
        var kind = method.Receiver is null ? "StaticMethod" : "Method";
        var receiverType = method.ReceiverIsStruct ? "ref " + method.ContainingTypeDisplay : method.ContainingTypeDisplay + (method.Receiver is null ? "?" : string.Empty);
        var parameters = string.Join(", ", new[] { $"{receiverType} {locals.This}" }.Concat(method.Parameters.Select(p => $"{p.Modifiers.Replace("this ", string.Empty)}{p.Type} {p.Name}")));
        writer.Line("// The method is not accessible from generated code: reached through an UnsafeAccessor (no reflection, AOT safe).");
        writer.Line($"[global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind.{kind}, Name = {Literal(method.MethodName.TrimStart('@'))})]");
        writer.Line($"private static extern {(method.IsUnsafe ? "unsafe " : string.Empty)}{method.ReturnType} {AccessorName(name)}({parameters});");
        writer.Line();
    }

    private static string AccessorName(string interceptorName) => "Call_" + interceptorName;

    private static string ForwardedCall(TracedMethodModel method, Locals locals, string interceptorName, string receiver)
    {
        var arguments = string.Join(", ", method.Parameters.Select(p => p.RefKind + p.Name));
        if (method.Access == AccessKind.UnsafeAccessor)
        {
            var accessorReceiver = method.Receiver is null ? (method.ReceiverIsStruct ? "default" : "null") : method.ReceiverIsStruct ? "ref " + receiver : receiver;
            return $"{AccessorName(interceptorName)}({accessorReceiver}{(arguments.Length == 0 ? string.Empty : ", " + arguments)})";
        }

        var target = method.Receiver is null ? method.ContainingTypeDisplay : receiver;
        return $"{target}.{method.MethodName}{method.MethodTypeArguments}({arguments})";
    }

    private static string TypeParameterList(TracedMethodModel method) =>
        method.TypeParameters.IsEmpty ? string.Empty : "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">";

    private static string ParameterList(TracedMethodModel method, Locals locals)
    {
        var parameters = method.Parameters.Select(p => $"{p.Attributes}{p.Modifiers}{p.Type} {p.Name}");
        if (method.Receiver is not null)
        {
            parameters = new[] { $"{method.Receiver} {locals.This}" }.Concat(parameters);
        }

        return string.Join(", ", parameters);
    }

    private static string CancellationTokenArgument(TracedMethodModel method) =>
        method.Parameters.FirstOrDefault(p => p.IsCancellationToken)?.Name ?? "default";

    private static string UniqueName(string name, HashSet<string> used)
    {
        var candidate = name;
        for (var i = 2; !used.Add(candidate); i++)
        {
            candidate = name + "_" + i;
        }

        return candidate;
    }

    private static SourceWriter Header() => new SourceWriter()
        .Line("// <auto-generated/>")
        .Line("// Generated by Instrumentation.Generators. Do not edit: changes are lost when the code is regenerated.")
        .Line("#nullable enable")
        .Line();

    private static string GeneratedCodeAttribute() =>
        $"[global::System.CodeDom.Compiler.GeneratedCode(\"Instrumentation.Generators\", \"{GeneratorVersion}\")]";

    private static string Bool(bool value) => value ? "true" : "false";

    public static string Literal(string value) => Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(value, quote: true);

    private static string EscapeXml(string value) => value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Names of the interceptor's locals, chosen so that they never shadow a parameter.</summary>
    private sealed class Locals
    {
        private readonly HashSet<string> _parameterNames;

        public Locals(TracedMethodModel method)
        {
            _parameterNames = new HashSet<string>(method.Parameters.Select(p => p.Name.TrimStart('@')));
            This = "@" + Pick("this");
            Activity = Pick("activity");
            Previous = Pick("previous");
            Returned = Pick("returned");
            Task = Pick("task");
            Result = Pick("result");
            Exception = Pick("exception");
        }

        public string This { get; }

        public string Activity { get; }

        public string Previous { get; }

        public string Returned { get; }

        public string Task { get; }

        public string Result { get; }

        public string Exception { get; }

        private string Pick(string name)
        {
            var candidate = name;
            while (_parameterNames.Contains(candidate))
            {
                candidate = "__" + candidate;
            }

            return candidate;
        }
    }
}
