namespace Fn.AwsGuardDuty.Configuration;

/// <summary>Section names of app.config. Section names are case-sensitive, as in Python's configparser.</summary>
public static class ConfigSections
{
    public const string Resilient = "resilient";
    public const string GuardDuty = "fn_aws_guardduty";
    public const string Integrations = "integrations";
}
