using Microsoft.CodeAnalysis;

namespace Domovoy.Watch.Compiling;

/// <summary>
/// One project compiled in memory: its diagnostics (compiler, analyzers and generators, warnings and errors) and, when
/// none is an error, the assembly and its PDB (null when the project builds without a separate PDB).
/// </summary>
internal sealed record CompiledProject(Project Project, IReadOnlyList<Diagnostic> Diagnostics, byte[]? Assembly, byte[]? Pdb)
{
    public bool Succeeded => Assembly is not null;

    public string AssemblyFileName => Project.AssemblyName + ".dll";
}
