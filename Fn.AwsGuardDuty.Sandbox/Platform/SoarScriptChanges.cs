using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>
/// What one run of a playbook's post-process script does to its incident: field values (standard fields by name,
/// custom fields by bare name or <c>properties.x</c>), notes, data tables whose rows are replaced, and artifacts to add.
/// </summary>
public sealed class SoarScriptChanges
{
    public Dictionary<string, JToken?> Fields { get; } = new(StringComparer.Ordinal);

    public List<(string Format, string Content)> Notes { get; } = [];

    /// <summary>Table API name → its new rows, each <c>{"cells": {"&lt;column&gt;": {"value": v}}}</c>. Existing rows are deleted.</summary>
    public Dictionary<string, IReadOnlyList<JObject>> ReplaceTables { get; } = new(StringComparer.Ordinal);

    /// <summary>Artifact DTOs (<c>{"type": {"name": ...}, "value": ..., "description": ...}</c>); one the incident has (same type and value) is skipped.</summary>
    public List<JObject> Artifacts { get; } = [];

    public bool IsEmpty => Fields.Count == 0 && Notes.Count == 0 && ReplaceTables.Count == 0 && Artifacts.Count == 0;
}
