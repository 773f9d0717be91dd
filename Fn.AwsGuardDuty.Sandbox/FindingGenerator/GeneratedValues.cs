using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>
/// Deterministic realistic values from one seeded <see cref="Random"/>. With <see cref="Sample"/> set, identities use
/// the placeholders real sample findings carry (GeneratedFindingUserName, i-99999999, 198.51.100.0...).
/// </summary>
internal sealed class GeneratedValues(Random random, bool sample)
{
    private static readonly (string City, string CountryCode, string Country, double Lat, double Lon)[] Places =
    [
        ("Amsterdam", "NL", "Netherlands", 52.37, 4.89), ("Frankfurt am Main", "DE", "Germany", 50.11, 8.68),
        ("Moscow", "RU", "Russia", 55.75, 37.62), ("Beijing", "CN", "China", 39.90, 116.40),
        ("Sao Paulo", "BR", "Brazil", -23.55, -46.63), ("Ashburn", "US", "United States", 39.04, -77.49),
        ("Singapore", "SG", "Singapore", 1.35, 103.82), ("Seoul", "KR", "South Korea", 37.57, 126.98),
        ("Lagos", "NG", "Nigeria", 6.52, 3.38), ("Bucharest", "RO", "Romania", 44.43, 26.10),
    ];

    private static readonly (string Asn, string Org)[] Organizations =
    [
        ("14061", "DIGITALOCEAN-ASN"), ("16276", "OVH SAS"), ("4134", "CHINANET-BACKBONE"), ("9009", "M247 Ltd"),
        ("202425", "IP Volume inc"), ("24940", "Hetzner Online GmbH"), ("8075", "MICROSOFT-CORP-MSN-AS-BLOCK"),
        ("45090", "Shenzhen Tencent Computer Systems"), ("51167", "Contabo GmbH"), ("63949", "Akamai Connected Cloud"),
    ];

    private static readonly int[] PublicFirstOctets = [5, 23, 31, 45, 62, 77, 89, 91, 103, 109, 138, 146, 159, 176, 185, 193, 203, 212];

    public bool Sample { get; } = sample;

    public int Int(int minInclusive, int maxExclusive) => random.Next(minInclusive, maxExclusive);

    public double Double() => random.NextDouble();

    public bool Chance(double probability) => random.NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public string Hex(int length)
    {
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append("0123456789abcdef"[random.Next(16)]);
        }

        return builder.ToString();
    }

    public string Upper(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(alphabet[random.Next(alphabet.Length)]);
        }

        return builder.ToString();
    }

    public string Placeholder(string placeholder, Func<string> real) => Sample ? placeholder : real();

    public string PublicIpV4() => Sample
        ? "198.51.100.0"
        : $"{Pick(PublicFirstOctets)}.{random.Next(0, 256)}.{random.Next(0, 256)}.{random.Next(1, 255)}";

    public string PrivateIpV4(int subnet) => $"10.{subnet}.{random.Next(0, 256)}.{random.Next(4, 255)}";

    public string IpV6() => string.Create(CultureInfo.InvariantCulture, $"2600:1f18:{random.Next(0x1000, 0xffff):x}:{random.Next(0x1000, 0xffff):x}:{Hex(4)}:{Hex(4)}:{Hex(4)}:{Hex(4)}");

    public JObject RemoteIpDetails()
    {
        var place = Pick(Places);
        var organization = Pick(Organizations);
        return new JObject
        {
            ["city"] = new JObject { ["cityName"] = Sample ? "GeneratedFindingCityName" : place.City },
            ["country"] = new JObject
            {
                ["countryCode"] = Sample ? "GeneratedFindingCountryCode" : place.CountryCode,
                ["countryName"] = Sample ? "GeneratedFindingCountryName" : place.Country,
            },
            ["geoLocation"] = new JObject { ["lat"] = Sample ? 0.0 : place.Lat, ["lon"] = Sample ? 0.0 : place.Lon },
            ["ipAddressV4"] = PublicIpV4(),
            ["organization"] = new JObject
            {
                ["asn"] = Sample ? "-1" : organization.Asn,
                ["asnOrg"] = Sample ? "GeneratedFindingASNOrg" : organization.Org,
                ["isp"] = Sample ? "GeneratedFindingISP" : organization.Org,
                ["org"] = Sample ? "GeneratedFindingORG" : organization.Org,
            },
        };
    }
}
