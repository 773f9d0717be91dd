namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>An email/password session: the JSESSIONID cookie and the csrf token sent back as <c>X-sess-id</c>.</summary>
internal sealed record SoarSession(string SessionId, string CsrfToken, SoarPrincipal Principal, DateTimeOffset Created);
