global using Domovoy.Abstractions;
global using Domovoy.Testing;
global using Microsoft.VisualStudio.TestTools.UnitTesting;

[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
