using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>Where an attack sequence sits in a finding (boto3 shape): <c>Service.Detection.Sequence</c>.</summary>
internal static class SequenceNode
{
    public static readonly object[] Path = ["Service", "Detection", "Sequence"];

    public static JObject? Of(JObject finding) => FindingSearch.Node(finding, Path) as JObject;
}
