using Cronos;

namespace Domovoy.Core.Scheduling;

/// <summary>
/// A cron expression (Cronos) in a zone. Cronos runs a time skipped by spring-forward at the end of the gap and a
/// repeated fall-back time once.
/// </summary>
internal sealed class CronRule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    public CronRule(string expression, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(expression);
        _zone = zone;
        var trimmed = expression.Trim();
        var fields = trimmed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
        var format = fields switch
        {
            5 => CronFormat.Standard,
            6 => CronFormat.IncludeSeconds,
            1 when trimmed.StartsWith('@') => CronFormat.Standard,
            _ => throw new ArgumentException(
                $"'{expression}' is not a valid cron expression: expected 5 fields (minute hour day month weekday) or 6 with leading seconds, found {fields}.",
                nameof(expression)),
        };

        try
        {
            _expression = CronExpression.Parse(trimmed, format);
        }
        catch (CronFormatException ex)
        {
            throw new ArgumentException($"'{expression}' is not a valid cron expression: {ex.Message}", nameof(expression), ex);
        }

        Text = trimmed;
    }

    public string Text { get; }

    /// <summary>The first occurrence strictly after <paramref name="after"/>, or null if there is none.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset after) => _expression.GetNextOccurrence(after, _zone, inclusive: false);
}
