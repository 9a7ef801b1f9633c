using Microsoft.Build.Locator;

namespace Domovoy.Watch;

/// <summary>
/// Points MSBuild at the .NET SDK that builds the app projects (the one <c>dotnet build</c> in the current folder would
/// use, global.json included). It must run before any Microsoft.Build type is loaded, so callers invoke it first thing,
/// from a method that itself touches no workspace type.
/// </summary>
internal static class MsBuildRegistration
{
    private static readonly Lock Gate = new();

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (!MSBuildLocator.IsRegistered)
            {
                MSBuildLocator.RegisterDefaults();
            }
        }
    }
}
