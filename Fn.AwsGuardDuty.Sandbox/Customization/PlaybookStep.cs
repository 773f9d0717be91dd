namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>One function call of a playbook: the function, the name its result is saved under, and its input script.</summary>
public sealed record PlaybookStep(string FunctionName, string ResultName, string? InputScript);
