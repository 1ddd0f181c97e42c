namespace System.Runtime.CompilerServices;

// Enables records and init-only setters on netstandard2.0.
internal static class IsExternalInit
{
}
