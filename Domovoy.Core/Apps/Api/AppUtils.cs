using System.Globalization;
using Domovoy.Abstractions;
using Domovoy.Core.Apps.Runtime;

namespace Domovoy.Core.Apps.Api;

/// <summary>Parsing helpers and app-scoped background work.</summary>
internal sealed class AppUtils(AppRuntime runtime) : IUtilsPlugin
{
    public double? ParseDouble(object? value, double? defaultValue = null) => value switch
    {
        null => defaultValue,
        double d => d,
        IConvertible c when value is not string => c.ToDouble(CultureInfo.InvariantCulture),
        _ => double.TryParse(value.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : defaultValue,
    };

    public long? ParseLong(object? value, long? defaultValue = null)
    {
        if (value is null)
        {
            return defaultValue;
        }

        if (value is not string && value is IConvertible)
        {
            var asDouble = ParseDouble(value);
            return asDouble is { } d && d == Math.Floor(d) ? (long)d : defaultValue;
        }

        return long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : defaultValue;
    }

    public object? ParseIntOrFloat(object? value)
    {
        if (ParseLong(value) is { } integer)
        {
            return integer;
        }

        return ParseDouble(value) is { } number && !double.IsNaN(number) ? number : null;
    }

    public Task RunInBackground(Func<CancellationToken, Task> work, string? name = null)
        => runtime.TrackBackground(work, name);

    public Task<TResult> RunInBackground<TResult>(Func<CancellationToken, Task<TResult>> work, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(work);
        var result = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        _ = runtime.TrackBackground(async ct =>
        {
            try
            {
                result.TrySetResult(await work(ct).ConfigureAwait(false));
            }
            catch (OperationCanceledException ex)
            {
                result.TrySetCanceled(ex.CancellationToken);
            }
            catch (Exception ex)
            {
                result.TrySetException(ex);
            }
        }, name);
        return result.Task;
    }
}
