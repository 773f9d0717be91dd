namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary><c>service.action.actionType</c> values the generator produces.</summary>
public static class FindingActionType
{
    public const string AwsApiCall = "AWS_API_CALL";
    public const string NetworkConnection = "NETWORK_CONNECTION";
    public const string PortProbe = "PORT_PROBE";
    public const string DnsRequest = "DNS_REQUEST";
    public const string KubernetesApiCall = "KUBERNETES_API_CALL";

    public static IReadOnlyList<string> All { get; } = [AwsApiCall, NetworkConnection, PortProbe, DnsRequest, KubernetesApiCall];
}
