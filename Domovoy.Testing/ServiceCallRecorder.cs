using System.Text.Json;
using Domovoy.Abstractions;
using Domovoy.Core.HomeAssistant.Client;

namespace Domovoy.Testing;

/// <summary>The service calls the apps made, in the order they issued them.</summary>
internal sealed class ServiceCallRecorder(TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly List<RecordedServiceCall> _calls = [];
    private readonly JsonSerializerOptions _json = HassJson.CreateSerializerOptions();

    public IReadOnlyList<RecordedServiceCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    public void Record(string app, string domain, string service, ServiceTarget? target, object? data)
    {
        JsonElement? json = data switch
        {
            null => null,
            JsonElement element => element.Clone(),
            _ => JsonSerializer.SerializeToElement(data, data.GetType(), _json),
        };
        var call = new RecordedServiceCall(app, domain, service, target?.EntityIds ?? [], json, clock.GetUtcNow());
        lock (_gate)
        {
            _calls.Add(call);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _calls.Clear();
        }
    }
}
