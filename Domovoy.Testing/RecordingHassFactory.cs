using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;

namespace Domovoy.Testing;

/// <summary>Gives each app the host's real Hass API, wrapped so the home records the service calls the app makes.</summary>
internal sealed class RecordingHassFactory(IAppHassFactory inner, ServiceCallRecorder recorder) : IAppHassFactory
{
    public IHassPlugin Create(AppRuntime runtime) => new RecordingHassPlugin(inner.Create(runtime), runtime.AppName, recorder);
}
