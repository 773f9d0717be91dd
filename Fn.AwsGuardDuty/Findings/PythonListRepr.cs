using System.Globalization;
using System.Text;

namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Formats a finding path the way the reference writes it into artifact descriptions: a Python list repr,
/// e.g. <c>['Resource', 'InstanceDetails', 'NetworkInterfaces', 0]</c>.
/// </summary>
internal static class PythonListRepr
{
    public static string Format(IReadOnlyList<object> path)
    {
        var builder = new StringBuilder("[");
        for (var i = 0; i < path.Count; i++)
        {
            if (i > 0)
                builder.Append(", ");
            switch (path[i])
            {
                case int index:
                    builder.Append(index.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    AppendString(builder, Convert.ToString(path[i], CultureInfo.InvariantCulture) ?? string.Empty);
                    break;
            }
        }
        return builder.Append(']').ToString();
    }

    // Python's str repr: single quotes unless the text has a single quote and no double quote.
    private static void AppendString(StringBuilder builder, string text)
    {
        var quote = text.Contains('\'') && !text.Contains('"') ? '"' : '\'';
        builder.Append(quote);
        foreach (var c in text)
        {
            if (c == '\\' || c == quote)
                builder.Append('\\').Append(c);
            else if (c == '\n')
                builder.Append("\\n");
            else if (c == '\r')
                builder.Append("\\r");
            else if (c == '\t')
                builder.Append("\\t");
            else
                builder.Append(c);
        }
        builder.Append(quote);
    }
}
