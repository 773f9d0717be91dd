using Fn.AwsGuardDuty.Sandbox.Soar.Http;
using Fn.AwsGuardDuty.Sandbox.Soar.Options;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.State;

/// <summary>
/// Everything the emulator holds, per org, and the <see cref="IncidentChanged"/> hook. Tests read incidents, imports
/// and the customization here, and can seed incidents without going through HTTP.
/// </summary>
public sealed class SoarEmulatorState
{
    private readonly Dictionary<int, SoarOrgState> _orgs;
    private readonly ILogger _logger;

    internal SoarEmulatorState(SoarEmulatorOptions options, ILogger logger)
    {
        _logger = logger;
        _orgs = options.Orgs.ToDictionary(o => o.Id, o => new SoarOrgState(o, options.RequiredOnClose));
        DefaultOrg = _orgs[options.Orgs[0].Id];
    }

    /// <summary>Raised after an incident is created, changed, closed or reopened (see <see cref="SoarIncidentChangedEventArgs"/>).</summary>
    public event EventHandler<SoarIncidentChangedEventArgs>? IncidentChanged;

    public IReadOnlyCollection<SoarOrgState> Orgs => _orgs.Values;

    /// <summary>The first configured org.</summary>
    public SoarOrgState DefaultOrg { get; }

    public SoarOrgState Org(int id) => _orgs.TryGetValue(id, out var org) ? org : throw new ArgumentException($"No org {id} in the emulator.", nameof(id));

    internal SoarOrgState? FindOrg(int id) => _orgs.GetValueOrDefault(id);

    /// <summary>Creates an incident exactly as <c>POST /incidents</c> would (same validation, same hook), for test set-up.</summary>
    public SoarIncidentView SeedIncident(JObject payload, int? orgId = null)
    {
        var org = orgId is { } id ? Org(id) : DefaultOrg;
        SoarIncidentChangedEventArgs change;
        lock (org.Gate)
        {
            change = SoarIncidentWriter.Create(org, (JObject)payload.DeepClone(), creatorId: 0).Change;
        }

        Raise(org, change);
        return change.Incident;
    }

    public SoarIncidentView SeedIncident(string json, int? orgId = null) =>
        SeedIncident(SoarJson.Parse(json) as JObject ?? throw new ArgumentException("The incident JSON must be an object.", nameof(json)), orgId);

    internal void Raise(SoarOrgState org, SoarIncidentChangedEventArgs? change)
    {
        if (change is null)
        {
            return;
        }

        try
        {
            IncidentChanged?.Invoke(this, change);
        }
        catch (Exception e)
        {
            // A broken observer must not turn an accepted write into a 500.
            _logger.LogError(e, "An IncidentChanged handler failed for incident {IncidentId} in org {OrgId}", change.Incident.Id, org.Id);
        }
    }
}
