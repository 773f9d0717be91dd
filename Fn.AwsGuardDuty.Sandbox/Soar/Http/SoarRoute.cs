namespace Fn.AwsGuardDuty.Sandbox.Soar.Http;

/// <summary>
/// One endpoint: a method and a path template such as <c>/rest/orgs/{org}/incidents/{id}</c>. <see cref="Key"/>
/// ("PATCH /rest/orgs/{org}/incidents/{id}") names it in call counters and fault rules.
/// </summary>
internal sealed class SoarRoute
{
    private readonly string[] _segments;

    public SoarRoute(string method, string template, Func<SoarRequest, Task<SoarResult>> handler, bool anonymous = false)
    {
        Method = method;
        Template = template;
        Handler = handler;
        Anonymous = anonymous;
        _segments = template.Trim('/').Split('/');
    }

    public string Method { get; }

    public string Template { get; }

    public string Key => $"{Method} {Template}";

    /// <summary>Authenticates itself (POST /rest/session takes credentials in its body).</summary>
    public bool Anonymous { get; }

    public Func<SoarRequest, Task<SoarResult>> Handler { get; }

    public bool TryMatch(string[] path, out Dictionary<string, string> values)
    {
        values = [];
        if (path.Length != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < path.Length; i++)
        {
            var segment = _segments[i];
            if (segment.StartsWith('{'))
            {
                values[segment[1..^1]] = Uri.UnescapeDataString(path[i]);
            }
            else if (!string.Equals(segment, path[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
