using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;

/// <summary>A finding kept as its raw wire JSON, so criteria can read any field by its dotted path.</summary>
internal sealed class StoredFinding(string id, JObject document)
{
    public string Id { get; } = id;

    public JObject Document { get; set; } = document;
}
