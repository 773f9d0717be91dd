using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Platform;

/// <summary>A playbook the rules decided to run: its function, the incident, and the inputs the pre-process script sets.</summary>
internal sealed record PlaybookWork(string Playbook, string Function, int OrgId, long IncidentId, string FindingId, string DetectorId, string Region, JObject Inputs);
