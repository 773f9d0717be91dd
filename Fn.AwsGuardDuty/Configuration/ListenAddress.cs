using System.Globalization;
using System.Net;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>
/// A <c>host:port</c> to listen on (<c>aws_gd_metrics_listen</c>): an IPv4 address, a bracketed IPv6 address,
/// <c>localhost</c>, or <c>*</c> / <c>0.0.0.0</c> for every interface. Host names other than localhost are refused:
/// a listener binds addresses, and a name that resolves differently tomorrow would move the port silently.
/// </summary>
public sealed record ListenAddress(IPAddress Address, int Port)
{
    /// <summary>The address as written back (<c>127.0.0.1:9464</c>, <c>[::1]:9464</c>).</summary>
    public override string ToString() => new IPEndPoint(Address, Port).ToString();

    public IPEndPoint EndPoint => new(Address, Port);

    public static bool TryParse(string text, out ListenAddress? address, out string error)
    {
        address = null;
        var value = text.Trim();
        var colon = value.LastIndexOf(':');
        if (colon <= 0 || colon == value.Length - 1)
        {
            error = $"'{text}' must be host:port (for example 127.0.0.1:9464)";
            return false;
        }

        var hostText = value[..colon];
        var portText = value[(colon + 1)..];
        if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            error = $"'{text}': the port '{portText}' must be a number from 1 to 65535";
            return false;
        }

        if (hostText.StartsWith('[') && hostText.EndsWith(']'))
        {
            hostText = hostText[1..^1];
        }
        else if (hostText.Contains(':'))
        {
            error = $"'{text}': write an IPv6 address in brackets, as [{hostText}]:{portText}";
            return false;
        }

        IPAddress? ip = hostText switch
        {
            "*" => IPAddress.Any,
            _ when string.Equals(hostText, "localhost", StringComparison.OrdinalIgnoreCase) => IPAddress.Loopback,
            _ => IPAddress.TryParse(hostText, out var parsed) && IsDottedOrIpv6(hostText) ? parsed : null,
        };
        if (ip is null)
        {
            error = $"'{text}': the host '{hostText}' must be an IP address, localhost or * (all interfaces)";
            return false;
        }

        address = new ListenAddress(ip, port);
        error = string.Empty;
        return true;
    }

    // IPAddress.TryParse takes "1" or "1.2" as IPv4 shorthands; an operator never means those.
    private static bool IsDottedOrIpv6(string host) => host.Contains(':') || host.Count(c => c == '.') == 3;
}
