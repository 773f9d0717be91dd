using System.Globalization;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Requests;

/// <summary>Query-string members of GET list operations (<c>maxResults</c>, <c>nextToken</c>).</summary>
internal sealed class QueryMembers(IReadOnlyDictionary<string, string> query)
{
    public string? String(string name) => query.TryGetValue(name, out var value) ? value : null;

    public int? Int(string name, int min, int max)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw GuardDutyErrors.InvalidParameter(name);
        }

        return value < min || value > max ? throw GuardDutyErrors.OutOfRange() : (int)value;
    }
}
