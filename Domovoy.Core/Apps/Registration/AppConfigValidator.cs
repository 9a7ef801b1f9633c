using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Domovoy.Abstractions;
using Microsoft.Extensions.Options;

namespace Domovoy.Core.Apps.Registration;

/// <summary>
/// Validates app configs: DataAnnotations attributes on public properties, class-level attributes and
/// <see cref="IValidatableObject"/>. Implemented with plain reflection rather than <see cref="Validator"/>: the
/// framework validator caches per-type metadata in process-wide tables, which would keep unloaded plugins alive.
/// </summary>
internal sealed class AppConfigValidator : IValidateOptions<AppConfigBase>
{
    public ValidateOptionsResult Validate(string? name, AppConfigBase options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var type = options.GetType();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanRead)
            {
                continue;
            }

            var attributes = property.GetCustomAttributes<ValidationAttribute>(inherit: true).ToArray();
            if (attributes.Length == 0)
            {
                continue;
            }

            var value = property.GetValue(options);
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = property.Name };
            foreach (var attribute in attributes)
            {
                var result = attribute.GetValidationResult(value, context);
                if (result is not null && result != ValidationResult.Success)
                {
                    failures.Add($"field '{property.Name}': {result.ErrorMessage}");
                }
            }
        }

        foreach (var attribute in type.GetCustomAttributes<ValidationAttribute>(inherit: true))
        {
            var result = attribute.GetValidationResult(options, new ValidationContext(options));
            if (result is not null && result != ValidationResult.Success)
            {
                failures.Add(Describe(result));
            }
        }

        if (failures.Count == 0 && options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                if (result != ValidationResult.Success)
                {
                    failures.Add(Describe(result));
                }
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Describe(ValidationResult result)
    {
        var members = result.MemberNames.ToArray();
        return members.Length == 0 ? result.ErrorMessage ?? "invalid" : $"field '{string.Join("', '", members)}': {result.ErrorMessage}";
    }
}
