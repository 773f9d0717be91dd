using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>An activation condition: field (e.g. incident.properties.aws_guardduty_region), method and value.</summary>
public sealed record PlaybookCondition(string FieldName, string Method, JToken? Value);
