namespace System.Runtime.CompilerServices;

/// <summary>Lets netstandard2.0 use records and init accessors (the type ships only with .NET 5+).</summary>
internal static class IsExternalInit
{
}
