using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Playbooks;

/// <summary>What a script did to the incident in the harness.</summary>
internal sealed record HarnessRun(JObject Output)
{
    /// <summary>Fields the script set: "severity_code", "properties.&lt;name&gt;".</summary>
    public JObject Changed => (JObject)Output["changed"]!;

    public JObject Properties => (JObject)Output["properties"]!;

    public IReadOnlyList<string> Notes => Output["notes"]!.Select(n => n["content"]!.Value<string>()!).ToList();

    public string Note => Notes.Should().ContainSingle().Subject;

    public JArray Artifacts => (JArray)Output["artifacts"]!;

    /// <summary>The incident's rows after the script (the case's existing rows, then those the script added), by table.</summary>
    public JObject Tables => (JObject)Output["tables"]!;

    public JObject RowsAdded => (JObject)Output["rows_added"]!;

    public JObject Inputs => (JObject)Output["inputs"]!;
}
