using System.Collections.Generic;
using System.Linq;
using Instrumentation.Generators.Tracing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace Instrumentation.Analyzers.Tests.TRC001;

/// <summary>
/// <see cref="TracedTarget.IsNamed"/> (how [Tag], iterator state machine attributes and the generator's well-known types
/// are recognized) compares namespace segments instead of a display string: it must answer exactly as the display
/// string comparison did, for look-alike names, nesting and the global namespace. Both take metadata names whose
/// segments are not C# keywords (the display string escapes those): every name of <see cref="WellKnownNames"/>.
/// </summary>
public class TracedTargetIsNamedTests
{
    private const string Source = """
        namespace Instrumentation { public class TagAttribute { } public class Outer { public class TagAttribute { } } public class Generic<T> { } }
        namespace Instrumentation.Sub { public class TagAttribute { } }
        namespace Other.Instrumentation { public class TagAttribute { } }
        namespace XInstrumentation { public class TagAttribute { } }
        namespace Instrumentations { public class TagAttribute { } }
        namespace Instrumentation.Runtime { public class TracedMethodNamesAttribute { } public class Generic<T> { } }
        namespace Runtime { public class TracedMethodNamesAttribute { } }
        namespace @event { public class TagAttribute { } }
        public class TagAttribute { }
        public class Generic<T> { }
        """;

    private static readonly string[] MetadataNames =
    [
        "Instrumentation.TagAttribute",
        "Instrumentation.Sub.TagAttribute",
        "Other.Instrumentation.TagAttribute",
        "Instrumentation.Generic`1",
        "Instrumentation.Runtime.Generic`1",
        "Instrumentation.Runtime.TracedMethodNamesAttribute",
        "Runtime.TracedMethodNamesAttribute",
        "System.Threading.Tasks.Task`1",
        "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        "Instrumentation.Outer",
        "Instrumentation.TagAttributes",
        "nstrumentation.TagAttribute",
    ];

    [Fact]
    public void Answers_as_the_display_string_comparison_did()
    {
        var compilation = CSharpCompilation.Create(
            "Names",
            [CSharpSyntaxTree.ParseText(Source)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]);
        var types = AllTypes(compilation.Assembly.GlobalNamespace)
            .Append(compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1")!)
            .Append(compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.IteratorStateMachineAttribute")!)
            .ToList();
        Assert.Equal(16, types.Count);

        var matches = 0;
        foreach (var type in types)
        {
            foreach (var name in MetadataNames)
            {
                var expected = DisplayStringComparison(type, name);
                Assert.True(expected == TracedTarget.IsNamed(type, name), $"{type.ToDisplayString()} vs {name}: expected {expected}");
                matches += expected ? 1 : 0;
            }
        }

        Assert.Equal(10, matches);
    }

    [Fact]
    public void Well_known_names_have_no_keyword_segments()
    {
        var names = typeof(WellKnownNames).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();
        Assert.NotEmpty(names);
        Assert.All(names, name => Assert.All(name.Split('.', '`'), segment => Assert.Equal(SyntaxKind.None, SyntaxFacts.GetKeywordKind(segment))));
    }

    // The former implementation, kept as the oracle.
    private static bool DisplayStringComparison(INamedTypeSymbol type, string metadataName)
    {
        var lastDot = metadataName.LastIndexOf('.');
        return type.MetadataName == metadataName.Substring(lastDot + 1) && type.ContainingType is null &&
               type.ContainingNamespace?.ToDisplayString() == metadataName.Substring(0, lastDot);
    }

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns)
    {
        foreach (var member in ns.GetMembers())
        {
            if (member is INamespaceSymbol child)
            {
                foreach (var type in AllTypes(child))
                {
                    yield return type;
                }
            }
            else if (member is INamedTypeSymbol type)
            {
                yield return type;
                foreach (var nested in type.GetTypeMembers())
                {
                    yield return nested;
                }
            }
        }
    }
}
