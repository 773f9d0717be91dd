using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Fn.AwsGuardDuty.Push;

/// <summary>
/// A queue URL and what it says: region, account, name, FIFO. Accepted hosts: <c>sqs[-fips].&lt;region&gt;.amazonaws.com[.cn]</c>,
/// the legacy <c>&lt;region&gt;.queue.amazonaws.com</c> and <c>queue.amazonaws.com</c> (us-east-1), and VPC endpoints
/// <c>…sqs.&lt;region&gt;.vpce.amazonaws.com</c>; the path is <c>/&lt;12-digit account&gt;/&lt;name&gt;</c>.
/// </summary>
public sealed partial record SqsQueueAddress(Uri Url, string Region, string AccountId, string Name)
{
    public bool IsFifo => Name.EndsWith(".fifo", StringComparison.Ordinal);

    public string Arn => $"arn:{Partition}:sqs:{Region}:{AccountId}:{Name}";

    private string Partition => Region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : Region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov" : "aws";

    public override string ToString() => Url.ToString();

    public static SqsQueueAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address : throw new FormatException(error);

    public static bool TryParse(string? text, [NotNullWhen(true)] out SqsQueueAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http"))
        {
            error = $"'{text}' is not an absolute https:// queue URL (https://sqs.<region>.amazonaws.com/<account>/<queue name>)";
            return false;
        }

        if (!string.IsNullOrEmpty(url.Query) || !string.IsNullOrEmpty(url.Fragment) || !string.IsNullOrEmpty(url.UserInfo))
        {
            error = $"'{text}' is not a queue URL: it has a query, fragment or user info";
            return false;
        }

        var region = RegionOf(url.Host.ToLowerInvariant());
        if (region is null)
        {
            error = $"cannot tell the region from the host '{url.Host}' (expected sqs.<region>.amazonaws.com or a VPC endpoint ...sqs.<region>.vpce.amazonaws.com)";
            return false;
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != 2 || !AccountPattern().IsMatch(segments[0]))
        {
            error = $"the path of '{text}' must be /<12-digit account id>/<queue name>";
            return false;
        }

        var name = segments[1];
        if (!NamePattern().IsMatch(name) || name.Length > 80)
        {
            error = $"'{name}' is not a queue name (1 to 80 letters, digits, '-' or '_', optionally ending in .fifo)";
            return false;
        }

        address = new SqsQueueAddress(url, region, segments[0], name);
        error = null;
        return true;
    }

    private static string? RegionOf(string host)
    {
        if (host == "queue.amazonaws.com")
        {
            return "us-east-1";
        }

        var match = HostPattern().Match(host);
        return match.Success ? match.Groups["region"].Value : null;
    }

    [GeneratedRegex(@"^(?:[a-z0-9-]+\.)?(?:sqs|sqs-fips)\.(?<region>[a-z]{2,}(?:-[a-z0-9]+)*-[0-9]+)\.(?:vpce\.)?amazonaws\.com(?:\.cn)?$|^(?<region>[a-z]{2,}(?:-[a-z0-9]+)*-[0-9]+)\.queue\.amazonaws\.com(?:\.cn)?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostPattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex AccountPattern();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.fifo)?$")]
    private static partial Regex NamePattern();
}
