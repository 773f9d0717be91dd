namespace Fn.AwsGuardDuty.Configuration;

/// <summary>Booleans in app.config: true/false, yes/no, on/off, 1/0, case-insensitive.</summary>
public static class BooleanParser
{
    public static bool TryParse(string text, out bool value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "true" or "yes" or "on" or "1":
                value = true;
                return true;
            case "false" or "no" or "off" or "0":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
