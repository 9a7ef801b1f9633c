using Domovoy.Abstractions;

namespace Domovoy.Core.Apps.Runtime;

/// <summary>Creates each app's <see cref="IHassPlugin"/>; registered by the Home Assistant integration.</summary>
internal interface IAppHassFactory
{
    IHassPlugin Create(AppRuntime runtime);
}
