namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>One field that changed. <see cref="Field"/> is the API name, custom fields prefixed "properties.".</summary>
public sealed record SoarFieldChange(string Field, object? OldValue, object? NewValue);
