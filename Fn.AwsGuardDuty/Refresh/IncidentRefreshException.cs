namespace Fn.AwsGuardDuty.Refresh;

/// <summary>
/// A step of a refresh failed in SOAR. The message names the step and the incident ("Could not add the refresh note to
/// incident 12: …", "Incident 12 was not found in SOAR."); the inner exception is SOAR's error.
/// </summary>
public sealed class IncidentRefreshException(string message, Exception innerException) : Exception(message, innerException);
