using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Schema;

/// <summary>
/// An imported playbook. The automatic-rules component (later) reads <see cref="ActivationType"/>,
/// <see cref="Conditions"/>, <see cref="FunctionUuids"/> and <see cref="LocalScripts"/> to play it.
/// </summary>
public sealed class SoarPlaybook
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    public required string Uuid { get; init; }

    /// <summary>"automatic" or "manual".</summary>
    public required string ActivationType { get; init; }

    public string Status { get; init; } = "enabled";

    /// <summary>"all" or "any".</summary>
    public string LogicType { get; init; } = "all";

    public IReadOnlyList<SoarPlaybookCondition> Conditions { get; init; } = [];

    /// <summary>Function uuids named by the BPMN's service tasks, in document order.</summary>
    public IReadOnlyList<string> FunctionUuids { get; init; } = [];

    public IReadOnlyList<SoarLocalScript> LocalScripts { get; init; } = [];

    /// <summary>The playbook exactly as imported.</summary>
    public required JObject Definition { get; init; }
}
