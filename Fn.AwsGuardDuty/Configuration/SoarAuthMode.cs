namespace Fn.AwsGuardDuty.Configuration;

/// <summary>How the app authenticates to SOAR (REST and STOMP).</summary>
public enum SoarAuthMode
{
    /// <summary>api_key_id / api_key_secret (preferred whenever both are set).</summary>
    ApiKey,

    /// <summary>email / password.</summary>
    EmailPassword,
}
