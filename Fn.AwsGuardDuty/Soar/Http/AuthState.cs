namespace Fn.AwsGuardDuty.Soar.Http;

/// <summary>A logged-in session: the headers to send and what the login told us. Immutable; a re-login makes a new one.</summary>
internal sealed record AuthState(AuthHeaders Headers, SoarSession Session);
