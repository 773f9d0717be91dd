using System.Net;
using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>Small validation rules shared by the options classes.</summary>
internal static partial class ConfigChecks
{
    [GeneratedRegex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApiName();

    public static bool IsApiName(string value) => ApiName().IsMatch(value);

    public static bool IsHostName(string value) =>
        Uri.CheckHostName(value.Trim('[', ']')) is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6;

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    public static void Port(List<ConfigProblem> problems, string section, string key, int value) =>
        Range(problems, section, key, value, 1, 65535);

    public static void Range(List<ConfigProblem> problems, string section, string key, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            problems.Add(new ConfigProblem(section, key, $"{value} is out of range ({min}..{max})"));
        }
    }

    public static void Positive(List<ConfigProblem> problems, string section, string key, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(new ConfigProblem(section, key, "must be longer than 0"));
        }
    }

    public static void HttpUrl(List<ConfigProblem> problems, string section, string key, Uri? value)
    {
        if (value is not null && (!value.IsAbsoluteUri || value.Scheme is not ("http" or "https")))
        {
            problems.Add(new ConfigProblem(section, key, "must be an absolute http:// or https:// URL"));
        }
    }
}
