namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// A playbook as its folder defines it (playbooks/&lt;name&gt;/playbook.json, input.py, post_process.py). A playbook
/// calls one function, or several one after the other (<see cref="FollowingSteps"/>), then runs its local script.
/// <see cref="Inputs"/> maps each function input to where the input script takes it from (documentation; the
/// input script is what SOAR runs).
/// </summary>
public sealed record PlaybookDefinition(
    string Name,
    string DisplayName,
    string Description,
    string ActivationType,
    string ObjectType,
    bool Enabled,
    string LogicType,
    IReadOnlyList<PlaybookCondition> Conditions,
    string FunctionName,
    string ResultName,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyList<PlaybookFormField> Form,
    string ScriptName,
    string Changes,
    string? InputScript,
    string PostProcessScript,
    IReadOnlyList<PlaybookStep>? FollowingSteps = null)
{
    /// <summary>Every function call in order: the playbook's function, then those of <c>"then"</c> in playbook.json.</summary>
    public IReadOnlyList<PlaybookStep> Steps => [new PlaybookStep(FunctionName, ResultName, InputScript), .. FollowingSteps ?? []];

    public const string Automatic = "automatic";
    public const string Manual = "manual";

    public string Uuid => StableUuid.For("playbook/" + Name);

    /// <summary>SOAR's deployment id and field type handle: "playbook_" plus the uuid with underscores.</summary>
    public string DeploymentId => "playbook_" + Uuid.Replace('-', '_');

    public string ScriptUuid => StableUuid.For($"playbook/{Name}/script/{ScriptName}");

    /// <summary>The local script's programmatic name: playbook api name, underscore, script name in snake case.</summary>
    public string ScriptProgrammaticName => Name + "_" + string.Join('_',
        ScriptName.ToLowerInvariant().Split((char[])[' ', '-', ':', '(', ')'], StringSplitOptions.RemoveEmptyEntries));

    public string FormFieldUuid(string field) => StableUuid.For($"playbook/{Name}/field/{field}");
}
