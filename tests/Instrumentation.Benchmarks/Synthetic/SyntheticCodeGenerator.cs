using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Instrumentation.Benchmarks.Synthetic;

/// <summary>
/// Builds the synthetic library: first a model of every type and method (so call sites always match a real
/// signature), then the source of each file. Every choice comes from a fixed-seed generator, so the output is
/// deterministic. Per method, on average: 1.8 calls of traced methods of other types and ~6 other invocations.
/// </summary>
internal static class SyntheticCodeGenerator
{
    private const double OtherInvocationsPerMethod = 6.0;

    // Traced calls per method, cycled: 1.8 on average.
    private static readonly int[] s_callPattern = [2, 1, 3, 0, 2, 3, 1, 2, 3, 1];

    // Shapes of ordinary types' methods, cycled (3 of 10 are async).
    private static readonly Shape[] s_shapeCycle =
        [Shape.Compute, Shape.Describe, Shape.LoadAsync, Shape.Record, Shape.Price, Shape.Validate, Shape.SaveAsync, Shape.Compute, Shape.FetchAsync, Shape.Describe];

    private static readonly string[] s_nouns =
    [
        "Order", "Customer", "Invoice", "Shipment", "Payment", "Product", "Discount", "Account", "Address", "Basket",
        "Catalog", "Coupon", "Delivery", "Inventory", "Ledger", "Receipt", "Refund", "Return", "Review", "Session",
        "Supplier", "Tariff", "Voucher", "Warehouse", "Quote", "Budget", "Contract", "Claim", "Policy", "Schedule",
    ];

    private static readonly string[] s_spanNames =
        ["inventory.reserve", "payment.charge", "catalog.lookup", "shipping.quote", "ledger.post", "search.query", "pricing.evaluate", "orders.submit"];

    private static readonly string[] s_prefixes = ["a", "ord", "inv", "x-", "cus", "sku", "tmp", "ref"];

    private static readonly (string Folder, string Name)[] s_instanceKinds =
        [("Services", "Service"), ("Repositories", "Repository"), ("Handlers", "Handler"), ("Clients", "Client")];

    private static readonly (string Folder, string Name)[] s_staticKinds = [("Utilities", "Helpers"), ("Pricing", "PriceRules")];

    private static readonly string[] s_folders =
        ["Caching", "Clients", "Domain", "Handlers", "Pricing", "Repositories", "Services", "Utilities"];

    public static (IReadOnlyList<(string Path, string Text)> Sources, SyntheticStatistics Statistics) Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Files < 1 || options.Methods < options.Files)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options, "Need at least one file and at least one method per file.");
        }

        var random = new Rng(0x5EED_2026);
        var types = BuildModel(options, random);
        var context = new GenerationContext(options.Variant != SyntheticVariant.NoTraced, random);
        var sources = new List<(string Path, string Text)>(types.Count + 1);
        var methodsDone = 0;
        foreach (var type in types)
        {
            sources.Add((type.Path, WriteType(type, types, context, ref methodsDone)));
        }

        var lines = sources.Sum(s => s.Text.Count(c => c == '\n'));
        if (options.Variant == SyntheticVariant.Inert)
        {
            sources.Add(("Instrumentation/InertAttributes.cs", InertAttributes));
        }

        var statistics = new SyntheticStatistics(types.Count, options.Methods, context.TracedCallSites, context.OtherInvocations, lines);
        return (sources, statistics);
    }

    private static List<TypeModel> BuildModel(SyntheticOptions options, Rng random)
    {
        var types = new List<TypeModel>(options.Files);
        for (var index = 0; index < options.Files; index++)
        {
            var number = index.ToString("000", CultureInfo.InvariantCulture);
            var kind = (index % 10) switch
            {
                0 or 5 => TypeKind.Static,
                3 => TypeKind.Struct,
                8 => TypeKind.Generic,
                _ => TypeKind.Instance,
            };
            var (folder, name) = kind switch
            {
                TypeKind.Static => s_staticKinds[index / 5 % s_staticKinds.Length],
                TypeKind.Struct => ("Domain", "Ledger"),
                TypeKind.Generic => ("Caching", "Cache"),
                _ => s_instanceKinds[index % s_instanceKinds.Length],
            };
            var type = new TypeModel(index, kind, folder, name, name + number);
            var count = options.Methods / options.Files + (index < options.Methods % options.Files ? 1 : 0);
            for (var m = 0; m < count; m++)
            {
                var shape = kind == TypeKind.Generic && m % 5 == 4 ? Shape.CountItems : s_shapeCycle[(m + index) % s_shapeCycle.Length];
                var noun = s_nouns[(m + (index * 7)) % s_nouns.Length];
                var round = m / s_nouns.Length;
                var methodName = Verb(shape) + noun + (round == 0 ? string.Empty : round.ToString(CultureInfo.InvariantCulture)) + (IsAsync(shape) ? "Async" : string.Empty);
                var method = new MethodModel(type, methodName, shape)
                {
                    // A few private traced methods (reached through UnsafeAccessor), called from their own class.
                    IsPrivate = kind == TypeKind.Instance && index % 4 == 1 && m == 1 && count > 2,
                    ParameterTag = (m + index) % 6 == 2 ? ParameterTagKey(shape) : null,
                    ReturnTag = shape == Shape.Compute && (m + index) % 15 == 0 ? "app.result.total" : null,
                };
                if (folder == "Clients" && IsAsync(shape) && m % 3 == 0)
                {
                    method.SpanName = s_spanNames[random.Next(s_spanNames.Length)];
                    method.IsClient = true;
                }
                else if ((m + index) % 23 == 11)
                {
                    method.SpanName = s_spanNames[random.Next(s_spanNames.Length)];
                }

                type.Methods.Add(method);
            }

            types.Add(type);
        }

        return types;
    }

    private static string Verb(Shape shape) => shape switch
    {
        Shape.Compute => "Compute",
        Shape.Describe => "Describe",
        Shape.Record => "Record",
        Shape.Price => "Price",
        Shape.Validate => "Validate",
        Shape.LoadAsync => "Load",
        Shape.SaveAsync => "Save",
        Shape.FetchAsync => "Fetch",
        _ => "Count",
    };

    private static string ParameterTagKey(Shape shape) => shape switch
    {
        Shape.Compute or Shape.Record => "app.item.count",
        Shape.Describe or Shape.Validate or Shape.SaveAsync or Shape.FetchAsync => "app.request.key",
        Shape.Price => "app.order.amount",
        Shape.LoadAsync => "app.order.id",
        _ => "app.query.limit",
    };

    private static bool IsAsync(Shape shape) => shape is Shape.LoadAsync or Shape.SaveAsync or Shape.FetchAsync;

    private static string WriteType(TypeModel type, List<TypeModel> types, GenerationContext context, ref int methodsDone)
    {
        var w = new CodeWriter();
        foreach (var ns in new[] { "System", "System.Collections.Concurrent", "System.Collections.Generic", "System.Diagnostics", "System.Globalization", "System.Linq", "System.Text", "System.Threading", "System.Threading.Tasks", "Instrumentation" })
        {
            w.Line($"using {ns};");
        }

        foreach (var folder in s_folders.Where(f => f != type.Folder))
        {
            w.Line($"using Synthetic.{folder};");
        }

        w.Line();
        w.Line($"namespace Synthetic.{type.Folder};");
        w.Line();
        var declaration = type.Kind switch
        {
            TypeKind.Static => $"public static class {type.Name}",
            TypeKind.Struct => $"public struct {type.Name}",
            TypeKind.Generic => $"public sealed class {type.Name}<TEntity>",
            _ => $"public sealed class {type.Name}",
        };
        w.Line($"/// <summary>Synthetic {type.Folder.ToLowerInvariant()} code: {type.Methods.Count} traceable methods.</summary>");
        w.Open(declaration);
        w.Line("private static readonly ConcurrentQueue<string> Journal = new();");
        switch (type.Kind)
        {
            case TypeKind.Instance:
                w.Line();
                w.Line("private int _calls;");
                w.Line();
                w.Line($"public static {type.Name} Shared {{ get; }} = new();");
                break;
            case TypeKind.Struct:
                w.Line();
                w.Line("private int _entries;");
                w.Line();
                w.Open($"public {type.Name}(int entries)");
                w.Line("_entries = entries;");
                w.Close();
                break;
            case TypeKind.Generic:
                w.Line();
                w.Line("private readonly List<TEntity> _items = new();");
                w.Line();
                w.Line($"public static {type.Name}<TEntity> Shared {{ get; }} = new();");
                break;
        }

        foreach (var method in type.Methods)
        {
            w.Line();
            WriteMethod(w, method, types, context, methodsDone);
            methodsDone++;
        }

        // Untraced helpers: the generator must see their calls and skip them cheaply.
        w.Line();
        w.Line("private static int Clamp(int value, int min, int max) => Math.Min(Math.Max(value, min), max);");
        w.Line();
        w.Line("private static string Normalize(string value) => value.Trim().ToLowerInvariant();");
        w.Line();
        w.Line("private static bool IsInteresting(string value) => value.Length > 3 && value.Contains('e', StringComparison.Ordinal);");
        context.OtherInvocations += 5;
        w.Close();
        return w.ToString();
    }

    private static void WriteMethod(CodeWriter w, MethodModel method, List<TypeModel> types, GenerationContext context, int methodsDone)
    {
        var random = context.Random;
        var type = method.Type;
        var isAsync = IsAsync(method.Shape);
        if (context.WithAttributes)
        {
            var arguments = new List<string>();
            if (method.SpanName is not null)
            {
                arguments.Add($"\"{method.SpanName}\"");
            }

            if (method.IsClient)
            {
                arguments.Add("Kind = ActivityKind.Client");
            }

            w.Line(arguments.Count == 0 ? "[Traced]" : $"[Traced({string.Join(", ", arguments)})]");
            if (method.ReturnTag is not null)
            {
                w.Line($"[return: Tag(\"{method.ReturnTag}\")]");
            }
        }

        var tag = context.WithAttributes && method.ParameterTag is not null ? $"[Tag(\"{method.ParameterTag}\")] " : string.Empty;
        var modifiers = (method.IsPrivate ? "private " : "public ") + (type.Kind == TypeKind.Static ? "static " : string.Empty) + (isAsync ? "async " : string.Empty);
        var signature = method.Shape switch
        {
            Shape.Compute => $"int {method.Name}({tag}int value, string label)",
            Shape.Describe => $"string {method.Name}({tag}string input, int width)",
            Shape.Record => $"void {method.Name}(string key, {tag}int amount)",
            Shape.Price => $"decimal {method.Name}({tag}decimal amount, int quantity)",
            Shape.Validate => $"bool {method.Name}({tag}string input)",
            Shape.LoadAsync => $"Task<int> {method.Name}({tag}int id, CancellationToken cancellationToken)",
            Shape.SaveAsync => $"ValueTask {method.Name}({tag}string key, int version, CancellationToken cancellationToken)",
            Shape.FetchAsync => $"Task<string> {method.Name}({tag}string key, CancellationToken cancellationToken)",
            _ => $"int {method.Name}(IReadOnlyList<TEntity> items, {tag}int limit)",
        };
        w.Open(modifiers + signature);

        if (isAsync)
        {
            w.Line("cancellationToken.ThrowIfCancellationRequested();");
            context.OtherInvocations++;
        }

        var (seed, text) = method.Shape switch
        {
            Shape.Compute => ("value", "label.Trim()"),
            Shape.Describe => ("width", "input.Trim()"),
            Shape.Record => ("amount", "key.Trim()"),
            Shape.Price => ("quantity", "amount.ToString(CultureInfo.InvariantCulture)"),
            Shape.Validate => ("input.Length", "input.Trim()"),
            Shape.LoadAsync => ("id", "id.ToString(CultureInfo.InvariantCulture)"),
            Shape.SaveAsync => ("version", "key.Trim()"),
            Shape.FetchAsync => ("key.Length", "key.Trim()"),
            _ => ("limit + items.Count", "items.Count.ToString(CultureInfo.InvariantCulture)"),
        };
        w.Line($"var seed = {seed};");
        w.Line($"var text = {text};");
        context.OtherInvocations++;
        switch (type.Kind)
        {
            case TypeKind.Instance:
                w.Line("var total = seed + Interlocked.Increment(ref _calls);");
                context.OtherInvocations++;
                break;
            case TypeKind.Struct:
                w.Line("_entries++;");
                w.Line("var total = seed + _entries;");
                break;
            case TypeKind.Generic:
                w.Line("var total = seed + _items.Count;");
                break;
            default:
                w.Line("var total = seed;");
                break;
        }

        if (method.Shape == Shape.CountItems)
        {
            w.Open("foreach (var item in items)");
            w.Open("if (item is not null)");
            w.Line("_items.Add(item);");
            w.Close();
            w.Close();
            context.OtherInvocations++;
        }

        // The epilogue's invocations count towards this method's budget.
        var epilogue = Epilogue(method.Shape);
        context.OtherInvocations += epilogue.Invocations;

        // Work blocks while this method's share of the invocation budget lasts (prologue, epilogue and helpers count
        // too), with the traced calls interleaved between them; calls left over go after the last block.
        var calls = PickCallees(method, types, random);
        var awaited = false;
        var block = 0;
        var target = (int)Math.Round((methodsDone + 1) * OtherInvocationsPerMethod);
        var callIndex = 0;
        while (context.OtherInvocations < target)
        {
            WriteWorkBlock(w, block++, context);
            if (callIndex < calls.Count)
            {
                awaited |= IsAsync(calls[callIndex].Shape);
                WriteTracedCall(w, calls[callIndex++], method, block++, context);
            }
        }

        while (callIndex < calls.Count)
        {
            awaited |= IsAsync(calls[callIndex].Shape);
            WriteTracedCall(w, calls[callIndex++], method, block++, context);
        }

        if (isAsync && !awaited)
        {
            w.Line("await Task.Yield();");
            context.OtherInvocations++;
        }

        foreach (var line in epilogue.Lines)
        {
            w.Line(line);
        }

        w.Close();
    }

    private static (string[] Lines, int Invocations) Epilogue(Shape shape) => shape switch
    {
        Shape.Compute => (["return total + Clamp(seed, 0, 100);"], 1),
        Shape.Describe => (["return text.PadRight(Clamp(seed, 0, 64)) + total.ToString(CultureInfo.InvariantCulture);"], 3),
        Shape.Record => (["Journal.Enqueue(string.Concat(text, \"=\", total.ToString(CultureInfo.InvariantCulture)));"], 3),
        Shape.Price => (["return Math.Round(amount * quantity / (Math.Abs(total % 10) + 1), 2);"], 2),
        Shape.Validate => (["return total % 2 == 0 && IsInteresting(text);"], 1),
        Shape.LoadAsync => (["return total;"], 0),
        Shape.SaveAsync => (["Journal.Enqueue(text);"], 1),
        Shape.FetchAsync => (["return string.Concat(text, \"#\", total.ToString(CultureInfo.InvariantCulture));"], 2),
        _ => (["return items.Take(Clamp(limit, 0, 10)).Count() + total;"], 3),
    };

    /// <summary>Traced methods this method calls: public methods of other types, or now and then a private one of its own.</summary>
    private static List<MethodModel> PickCallees(MethodModel caller, List<TypeModel> types, Rng random)
    {
        var count = s_callPattern[(caller.Type.Index * 31 + caller.Type.Methods.IndexOf(caller)) % s_callPattern.Length];
        var callerIsAsync = IsAsync(caller.Shape);
        var result = new List<MethodModel>(count);
        var ownPrivate = caller.Type.Methods.FirstOrDefault(m => m.IsPrivate && m != caller && (callerIsAsync || !IsAsync(m.Shape)));
        if (ownPrivate is not null && count > 0 && !ownPrivate.IsCalled)
        {
            ownPrivate.IsCalled = true;
            result.Add(ownPrivate);
        }

        var attempts = 0;
        while (result.Count < count && attempts++ < 1000)
        {
            var type = types[random.Next(types.Count)];
            if (type == caller.Type && types.Count > 1)
            {
                continue;
            }

            var callee = type.Methods[random.Next(type.Methods.Count)];
            if (callee.IsPrivate || callee == caller || (!callerIsAsync && IsAsync(callee.Shape)))
            {
                continue;
            }

            result.Add(callee);
        }

        return result;
    }

    private static void WriteTracedCall(CodeWriter w, MethodModel callee, MethodModel caller, int block, GenerationContext context)
    {
        var suffix = block.ToString(CultureInfo.InvariantCulture);
        var random = context.Random;
        string receiver;
        string? receiverLocal = null;
        if (callee.Type == caller.Type && callee.IsPrivate)
        {
            receiver = string.Empty;
        }
        else
        {
            var name = callee.Type.Name;
            switch (callee.Type.Kind)
            {
                case TypeKind.Static:
                    receiver = name + ".";
                    break;
                case TypeKind.Struct:
                    if (random.Next(2) == 0)
                    {
                        receiver = $"new {name}(seed).";
                    }
                    else
                    {
                        receiverLocal = $"var ledger{suffix} = new {name}(total);";
                        receiver = $"ledger{suffix}.";
                    }

                    break;
                case TypeKind.Generic:
                    receiver = $"{name}<string>.Shared.";
                    break;
                default:
                    if (random.Next(4) == 0)
                    {
                        var local = char.ToLowerInvariant(callee.Type.BaseName[0]) + callee.Type.BaseName[1..] + suffix;
                        receiverLocal = $"var {local} = {name}.Shared;";
                        receiver = local + ".";
                    }
                    else
                    {
                        receiver = $"{name}.Shared.";
                    }

                    break;
            }
        }

        var call = receiver + callee.Name;
        var configureAwait = 0;
        string[] statement;
        switch (callee.Shape)
        {
            case Shape.Compute:
                statement = [$"total += {call}(seed + {random.Next(1, 50)}, text);"];
                break;
            case Shape.Describe:
                statement = [$"total += {call}(text, total % 16).Length;"];
                break;
            case Shape.Record:
                statement = [$"{call}(text, total);"];
                break;
            case Shape.Price:
                statement = [$"total += (int){call}(total * 0.5m, (seed % 10) + 1);"];
                break;
            case Shape.Validate:
                statement = [$"if ({call}(text))", "{", "    total++;", "}"];
                break;
            case Shape.LoadAsync:
                statement = [$"total += await {call}(seed, cancellationToken).ConfigureAwait(false);"];
                configureAwait = 1;
                break;
            case Shape.SaveAsync:
                statement = [$"await {call}(text, total, cancellationToken).ConfigureAwait(false);"];
                configureAwait = 1;
                break;
            case Shape.FetchAsync:
                statement = [$"text = await {call}(text, cancellationToken).ConfigureAwait(false);"];
                configureAwait = 1;
                break;
            default:
                statement = [$"total += {call}(new[] {{ text, \"{s_prefixes[random.Next(s_prefixes.Length)]}\" }}, seed % 5);"];
                break;
        }

        context.TracedCallSites++;
        context.OtherInvocations += configureAwait;

        // Most calls are plain statements; some sit in a condition or a retry loop, as in real code.
        switch (random.Next(6))
        {
            case 0:
                w.Open($"if (total % {random.Next(2, 9)} != 0)");
                WriteLines(w, receiverLocal, statement);
                w.Close();
                break;
            case 1:
                w.Open($"for (var attempt{suffix} = 0; attempt{suffix} < {random.Next(2, 4)}; attempt{suffix}++)");
                WriteLines(w, receiverLocal, statement);
                w.Close();
                break;
            default:
                WriteLines(w, receiverLocal, statement);
                break;
        }
    }

    private static void WriteLines(CodeWriter w, string? first, string[] lines)
    {
        if (first is not null)
        {
            w.Line(first);
        }

        foreach (var line in lines)
        {
            w.Line(line);
        }
    }

    /// <summary>Ordinary work: locals, loops, branches and BCL/LINQ/helper calls (counted in OtherInvocations).</summary>
    private static void WriteWorkBlock(CodeWriter w, int block, GenerationContext context)
    {
        var random = context.Random;
        var b = block.ToString(CultureInfo.InvariantCulture);
        var n = random.Next(2, 9).ToString(CultureInfo.InvariantCulture);
        var m = random.Next(10, 1000).ToString(CultureInfo.InvariantCulture);
        switch (random.Next(10))
        {
            case 0:
                w.Open($"for (var i{b} = 0; i{b} < {n}; i{b}++)");
                w.Line($"total += Math.Max(i{b} * seed, Clamp(total, 0, {m}));");
                w.Close();
                context.OtherInvocations += 2;
                break;
            case 1:
                w.Line($"var words{b} = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);");
                w.Line($"total += words{b}.Where(word => word.Length > {n}).Select(word => word.Length).Sum();");
                context.OtherInvocations += 4;
                break;
            case 2:
                w.Line($"var counts{b} = new Dictionary<char, int>();");
                w.Open($"foreach (var letter{b} in text)");
                w.Line($"counts{b}[letter{b}] = counts{b}.TryGetValue(letter{b}, out var seen{b}) ? seen{b} + 1 : 1;");
                w.Close();
                w.Line($"total += counts{b}.Count;");
                context.OtherInvocations += 1;
                break;
            case 3:
                w.Open($"if (text.StartsWith(\"{s_prefixes[random.Next(s_prefixes.Length)]}\", StringComparison.Ordinal) || IsInteresting(text))");
                w.Line("text = string.Concat(text, \"-\", seed.ToString(CultureInfo.InvariantCulture));");
                w.Close();
                w.Open("else");
                w.Line($"total -= Math.Abs(seed % {n});");
                w.Close();
                context.OtherInvocations += 5;
                break;
            case 4:
                w.Line($"var values{b} = new List<int>({n});");
                w.Open($"for (var j{b} = 0; j{b} < {n}; j{b}++)");
                w.Line($"values{b}.Add(j{b} * seed % {m});");
                w.Close();
                w.Line($"values{b}.Sort();");
                w.Line($"total += values{b}.Count > 0 ? values{b}[^1] - values{b}[0] : 0;");
                context.OtherInvocations += 2;
                break;
            case 5:
                w.Line($"var builder{b} = new StringBuilder(text);");
                w.Line($"builder{b}.Append(':').Append(total).Append(';');");
                w.Line($"text = Normalize(builder{b}.ToString());");
                context.OtherInvocations += 5;
                break;
            case 6:
                w.Line($"var ratio{b} = Math.Round((total / {n}.0) + Math.Sqrt(Math.Abs((double)seed)), 2);");
                w.Line($"total += (int)ratio{b};");
                context.OtherInvocations += 3;
                break;
            case 7:
                w.Line($"var parts{b} = new[] {{ text, seed.ToString(CultureInfo.InvariantCulture), total.ToString(CultureInfo.InvariantCulture) }};");
                w.Line($"text = string.Join(\"/\", parts{b}.Where(part => part.Length > 0));");
                context.OtherInvocations += 4;
                break;
            case 8:
                w.Open($"switch (seed % {n})");
                w.Line("case 0:");
                w.Line("    total += text.Length;");
                w.Line("    break;");
                w.Line("case 1:");
                w.Line("    total += text.IndexOf('a', StringComparison.Ordinal);");
                w.Line("    break;");
                w.Line("default:");
                w.Line("    total ^= text.GetHashCode(StringComparison.Ordinal);");
                w.Line("    break;");
                w.Close();
                context.OtherInvocations += 2;
                break;
            default:
                w.Line($"var remaining{b} = Clamp(seed, 0, {n});");
                w.Open($"while (remaining{b} > 0)");
                w.Line($"total += remaining{b} % 3 == 0 ? Math.Min(total, remaining{b}) : remaining{b};");
                w.Line($"remaining{b}--;");
                w.Close();
                context.OtherInvocations += 2;
                break;
        }
    }

    private const string InertAttributes = """
        using System;
        using System.Diagnostics;

        namespace Instrumentation;

        // The Inert variant's stand-ins for the package's attributes: same names and shapes, no generator behind them.

        [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
        public sealed class TracedAttribute : Attribute
        {
            public TracedAttribute()
            {
            }

            public TracedAttribute(string name)
            {
                Name = name;
            }

            public string? Name { get; set; }

            public ActivityKind Kind { get; set; } = ActivityKind.Internal;
        }

        [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.ReturnValue, AllowMultiple = false, Inherited = false)]
        public sealed class TagAttribute : Attribute
        {
            public TagAttribute(string key)
            {
                Key = key;
            }

            public string Key { get; }
        }

        """;

    private enum TypeKind
    {
        Instance,
        Static,
        Struct,
        Generic,
    }

    private enum Shape
    {
        Compute,
        Describe,
        Record,
        Price,
        Validate,
        LoadAsync,
        SaveAsync,
        FetchAsync,
        CountItems,
    }

    private sealed class TypeModel(int index, TypeKind kind, string folder, string baseName, string name)
    {
        public string BaseName { get; } = baseName;

        public int Index { get; } = index;

        public TypeKind Kind { get; } = kind;

        public string Folder { get; } = folder;

        public string Name { get; } = name;

        public string Path => $"{Folder}/{Name}.cs";

        public List<MethodModel> Methods { get; } = [];
    }

    private sealed class MethodModel(TypeModel type, string name, Shape shape)
    {
        public TypeModel Type { get; } = type;

        public string Name { get; } = name;

        public Shape Shape { get; } = shape;

        public bool IsPrivate { get; init; }

        public string? ParameterTag { get; init; }

        public string? ReturnTag { get; init; }

        public string? SpanName { get; set; }

        public bool IsClient { get; set; }

        public bool IsCalled { get; set; }
    }

    private sealed class GenerationContext(bool withAttributes, Rng random)
    {
        public bool WithAttributes { get; } = withAttributes;

        public Rng Random { get; } = random;

        public int TracedCallSites { get; set; }

        public int OtherInvocations { get; set; }
    }

    /// <summary>SplitMix64: a fixed algorithm, so the output never depends on the runtime's <see cref="Random"/>.</summary>
    private sealed class Rng(ulong seed)
    {
        private ulong _state = seed;

        public int Next(int maxExclusive) => (int)(NextUInt64() % (ulong)maxExclusive);

        public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

        private ulong NextUInt64()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    private sealed class CodeWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;

        public void Line(string line = "")
        {
            if (line.Length > 0)
            {
                _text.Append(' ', _indent * 4).Append(line);
            }

            _text.Append('\n');
        }

        public void Open(string header)
        {
            Line(header);
            Line("{");
            _indent++;
        }

        public void Close()
        {
            _indent--;
            Line("}");
        }

        public override string ToString() => _text.ToString();
    }
}
