using Fn.AwsGuardDuty.GuardDuty.Model;

namespace Fn.AwsGuardDuty.GuardDuty;

/// <summary>The IPSet and ThreatIntelSet operations under their service names.</summary>
public static class GuardDutyClientExtensions
{
    public static IAsyncEnumerable<string> ListIpSetsAsync(this IGuardDutyClient c, string detectorId, CancellationToken ct = default) =>
        c.ListThreatListsAsync(ThreatListKind.IpSet, detectorId, ct);

    public static Task<ThreatListDetails> GetIpSetAsync(this IGuardDutyClient c, string detectorId, string ipSetId,
        CancellationToken ct = default) => c.GetThreatListAsync(ThreatListKind.IpSet, detectorId, ipSetId, ct);

    public static Task<string> CreateIpSetAsync(this IGuardDutyClient c, string detectorId, CreateThreatListRequest request,
        CancellationToken ct = default) => c.CreateThreatListAsync(ThreatListKind.IpSet, detectorId, request, ct);

    public static Task UpdateIpSetAsync(this IGuardDutyClient c, string detectorId, string ipSetId, UpdateThreatListRequest request,
        CancellationToken ct = default) => c.UpdateThreatListAsync(ThreatListKind.IpSet, detectorId, ipSetId, request, ct);

    public static Task DeleteIpSetAsync(this IGuardDutyClient c, string detectorId, string ipSetId, CancellationToken ct = default) =>
        c.DeleteThreatListAsync(ThreatListKind.IpSet, detectorId, ipSetId, ct);

    public static IAsyncEnumerable<string> ListThreatIntelSetsAsync(this IGuardDutyClient c, string detectorId,
        CancellationToken ct = default) => c.ListThreatListsAsync(ThreatListKind.ThreatIntelSet, detectorId, ct);

    public static Task<ThreatListDetails> GetThreatIntelSetAsync(this IGuardDutyClient c, string detectorId, string threatIntelSetId,
        CancellationToken ct = default) => c.GetThreatListAsync(ThreatListKind.ThreatIntelSet, detectorId, threatIntelSetId, ct);

    public static Task<string> CreateThreatIntelSetAsync(this IGuardDutyClient c, string detectorId, CreateThreatListRequest request,
        CancellationToken ct = default) => c.CreateThreatListAsync(ThreatListKind.ThreatIntelSet, detectorId, request, ct);

    public static Task UpdateThreatIntelSetAsync(this IGuardDutyClient c, string detectorId, string threatIntelSetId,
        UpdateThreatListRequest request, CancellationToken ct = default) =>
        c.UpdateThreatListAsync(ThreatListKind.ThreatIntelSet, detectorId, threatIntelSetId, request, ct);

    public static Task DeleteThreatIntelSetAsync(this IGuardDutyClient c, string detectorId, string threatIntelSetId,
        CancellationToken ct = default) => c.DeleteThreatListAsync(ThreatListKind.ThreatIntelSet, detectorId, threatIntelSetId, ct);
}
