using System;
using System.Diagnostics.CodeAnalysis;

namespace Instrumentation.IntegrationTests.Subjects;

/// <summary>Calls from a file that does not define AUDIT: the compiler drops them, body and span alike.</summary>
internal static class AuditElsewhere
{
    public static void RecordHere() => Audit.Record("dropped");
}

internal static class AwkwardCallers
{
    [Obsolete("Calls an obsolete member.", error: true)]
    public static int CallOld() => Awkward.Old();

    [RequiresUnreferencedCode("Reads the type's members."), RequiresDynamicCode("Makes an array type.")]
    public static int CallTrimmingSensitive() => Awkward.MemberCount(typeof(string)) + (Awkward.ArrayOf(typeof(int)).IsArray ? 1 : 0);

    public static int CallAnnotated() => Awkward.PublicMethodCount<string>() + Awkward.PublicPropertyCount(typeof(string));
}

internal sealed partial class PartialIterators
{
    public partial System.Collections.Generic.IEnumerable<int> Numbers(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Produced++;
            yield return i;
        }
    }
}
