namespace Fn.AwsGuardDuty.Soar;

public enum SoarAuthMode
{
    /// <summary>HTTP Basic with api_key_id:api_key_secret on every call.</summary>
    ApiKey,

    /// <summary>POST /rest/session, then X-sess-id + JSESSIONID on every call (deprecated by IBM).</summary>
    EmailPassword,
}
