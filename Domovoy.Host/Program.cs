using System.CommandLine;
using Domovoy.Host.Cli;

// The generic host handles SIGINT/SIGTERM itself (finalizing every app), so System.CommandLine must not also cancel.
return await DomovoyCommandLine.Create().Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null }).ConfigureAwait(false);
