global using Domovoy.Testing;
global using Microsoft.VisualStudio.TestTools.UnitTesting;

// Every test has its own home (simulator, client, engine, clock), so tests run in parallel.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
