namespace Fn.AwsGuardDuty.Soar;

/// <summary>How the app authenticates to SOAR, REST and STOMP alike: the API key whenever both halves are set (as resilient-circuits).</summary>
public enum SoarAuthMode
{
    /// <summary>HTTP Basic with api_key_id:api_key_secret on every call.</summary>
    ApiKey,

    /// <summary>POST /rest/session, then X-sess-id + JSESSIONID on every call (deprecated by IBM).</summary>
    EmailPassword,
}
