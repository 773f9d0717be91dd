using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Soar.Patching;

/// <summary>One entry of a PatchStatus's <c>field_failures</c>: our old value did not match SOAR's current one.</summary>
public sealed record FieldFailure(string Field, JToken? YourOriginalValue, JToken? ActualCurrentValue)
{
    public override string ToString() =>
        $"{Field} (expected {YourOriginalValue?.ToString(Newtonsoft.Json.Formatting.None) ?? "null"}, is {ActualCurrentValue?.ToString(Newtonsoft.Json.Formatting.None) ?? "null"})";
}
