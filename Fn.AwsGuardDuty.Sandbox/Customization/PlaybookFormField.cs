namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>A field of a manual playbook's activation form; its value reaches the input script as <c>playbook.inputs.&lt;name&gt;</c>.</summary>
public sealed record PlaybookFormField(
    string Name,
    string Text,
    string InputType,
    bool Required,
    string Tooltip,
    IReadOnlyList<string> Values);
