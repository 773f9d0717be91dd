namespace Fn.AwsGuardDuty.Poller;

/// <summary>The incident a create ended with; <paramref name="Recovered"/>: SOAR failed the create but had committed it, so it was found and used.</summary>
public sealed record CreatedIncident(long Id, bool Recovered);
