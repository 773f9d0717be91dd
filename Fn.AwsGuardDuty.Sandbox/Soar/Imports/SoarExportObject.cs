using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>One object of an export, with its kind ("function", "field", ...) and API name.</summary>
internal sealed record SoarExportObject(string Kind, string Name, JObject Definition)
{
    public string Key => $"{Kind}:{Name}";

    public string? Uuid => Definition["uuid"]?.Value<string?>();
}
