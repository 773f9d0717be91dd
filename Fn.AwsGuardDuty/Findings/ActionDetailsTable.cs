using Newtonsoft.Json.Linq;
using C = Fn.AwsGuardDuty.Findings.DataTables.ActionDetails;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// gd_action_details. The reference's sections first (guardduty-app.md §3.6), then fill-only additions:
/// IPv6 when there is no IPv4 address, the DNS domain of an API call or a DNS request's domain with suffix,
/// and for KUBERNETES_API_CALL the verb and URI as the action api and the first source IP as the remote IP.
/// A PORT_PROBE gives one row per probe detail, each with that probe's local and remote address, local port
/// and remote geography (the reference keeps one row, with the first probe's geography and no addresses).
/// </summary>
internal static class ActionDetailsTable
{
    private static readonly object[] AnyAction = ["Service", "Action", "*Action"];

    private static readonly TableSection[] Sections =
    [
        new(["Service"], [("ActionType", C.ActionType), ("Api", C.ActionApi), ("Protocol", C.Protocol),
            ("EventFirstSeen", C.EventFirstSeen), ("EventLastSeen", C.EventLastSeen), ("CallerType", C.ActorCallerType),
            ("CityName", C.CityName), ("CountryName", C.CountryName), ("Asn", C.Asn), ("AsnOrg", C.AsnOrg),
            ("Isp", C.Isp), ("Org", C.Org)]),
        new(AnyAction, [("ServiceName", C.ServiceName)]),
        new(AnyAction, [("ConnectionDirection", C.ConnectionDirection)]),
        new(["Service", "Action", "DnsRequestAction"], [("Domain", C.DnsDomainName), ("Blocked", C.DnsBlocked)]),
        new([.. AnyAction, "LocalIpDetails"], [("IpAddressV4", C.LocalIp)]),
        new([.. AnyAction, "RemoteIpDetails"], [("IpAddressV4", C.RemoteIp)]),
        new([.. AnyAction, "RemotePortDetails"], [("Port", C.RemotePort)]),
        new([.. AnyAction, "LocalPortDetails"], [("Port", C.LocalPort)]),

        new([.. AnyAction, "LocalIpDetails"], [("IpAddressV6", C.LocalIp)], FillOnly: true),
        new([.. AnyAction, "RemoteIpDetails"], [("IpAddressV6", C.RemoteIp)], FillOnly: true),
        new(["Service", "Action", "DnsRequestAction"], [("DomainWithSuffix", C.DnsDomainName)], FillOnly: true),
        new(["Service", "Action", "AwsApiCallAction", "DomainDetails"], [("Domain", C.DnsDomainName)], FillOnly: true),
    ];

    private static readonly (string Key, string Column)[] GeographyFields =
    [
        ("CityName", C.CityName), ("CountryName", C.CountryName), ("Asn", C.Asn),
        ("AsnOrg", C.AsnOrg), ("Isp", C.Isp), ("Org", C.Org),
    ];

    public static IReadOnlyList<DataTableRow> Build(JObject finding, string timestamp)
    {
        var row = new RowBuilder(timestamp);
        foreach (var section in Sections)
            section.ApplyTo(finding, row);
        AddKubernetesApiCall(finding, row);

        if (FindingSearch.Node(finding, "Service", "Action", "PortProbeAction", "PortProbeDetails") is JArray probes)
        {
            var rows = new List<DataTableRow>();
            foreach (var probe in probes.OfType<JObject>())
            {
                var probeRow = ProbeRow(probe, row);
                if (!probeRow.IsEmpty)
                    rows.Add(probeRow.ToRow());
            }
            if (rows.Count > 0)
                return rows;
        }
        return row.IsEmpty ? [] : [row.ToRow()];
    }

    private static void AddKubernetesApiCall(JObject finding, RowBuilder row)
    {
        if (FindingSearch.Node(finding, "Service", "Action", "KubernetesApiCallAction") is not JObject call)
            return;
        var request = string.Join(' ', new[] { Text(call, "Verb"), Text(call, "RequestUri") }.Where(s => !string.IsNullOrEmpty(s)));
        if (request.Length > 0)
            row.SetIfAbsent(C.ActionApi, request);
        if (call["SourceIps"] is JArray sourceIps && sourceIps.Select(ScalarText.From).FirstOrDefault(ip => !string.IsNullOrEmpty(ip)) is { } ip)
            row.SetIfAbsent(C.RemoteIp, ip);
    }

    private static RowBuilder ProbeRow(JObject probe, RowBuilder common)
    {
        var row = common.Clone();
        foreach (var (key, column) in GeographyFields)
            row.SetOrRemove(column, FindingSearch.FindFirstText(probe, ["RemoteIpDetails"], key));
        row.SetOrRemove(C.LocalIp, Address(probe, "LocalIpDetails"));
        row.SetOrRemove(C.RemoteIp, Address(probe, "RemoteIpDetails"));
        row.SetOrRemove(C.LocalPort, ScalarText.From(FindingSearch.Node(probe, "LocalPortDetails", "Port")));
        return row;
    }

    private static string? Address(JObject probe, string member) =>
        ScalarText.From(FindingSearch.Node(probe, member, "IpAddressV4"))
        ?? ScalarText.From(FindingSearch.Node(probe, member, "IpAddressV6"));

    private static string? Text(JObject obj, string member) => ScalarText.From(obj[member]);
}
