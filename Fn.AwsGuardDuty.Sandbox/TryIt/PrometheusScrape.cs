using System.Globalization;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// The samples of one Prometheus text-format scrape (version 0.0.4): <c>name{label="value",...} number</c> per line;
/// comments (# HELP, # TYPE) and blank lines skipped. Label values are unescaped (\\, \", \n).
/// </summary>
public sealed class PrometheusScrape
{
    private readonly List<(string Name, IReadOnlyDictionary<string, string> Labels, double Value)> _samples = [];

    public static PrometheusScrape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var scrape = new PrometheusScrape();
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            var brace = line.IndexOf('{', StringComparison.Ordinal);
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            string name;
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            int rest;
            if (brace >= 0 && (space < 0 || brace < space))
            {
                name = line[..brace];
                rest = ReadLabels(line, brace + 1, labels);
            }
            else
            {
                name = space < 0 ? line : line[..space];
                rest = name.Length;
            }

            var value = line[rest..].Trim().Split(' ')[0];
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                throw new FormatException($"not a Prometheus sample: {line}");
            scrape._samples.Add((name, labels, number));
        }

        return scrape;
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one given.</summary>
    public double Sum(string name, params (string Label, string Value)[] match) =>
        _samples.Where(s => s.Name == name && match.All(m => s.Labels.GetValueOrDefault(m.Label) == m.Value)).Sum(s => s.Value);

    public bool Has(string name) => _samples.Any(s => s.Name == name);

    private static int ReadLabels(string line, int at, Dictionary<string, string> labels)
    {
        while (at < line.Length && line[at] != '}')
        {
            var equals = line.IndexOf('=', at);
            var label = line[at..equals].Trim().TrimStart(',').Trim();
            var value = new System.Text.StringBuilder();
            var i = equals + 2; // past ="
            for (; line[i] != '"'; i++)
            {
                if (line[i] == '\\')
                {
                    i++;
                    value.Append(line[i] == 'n' ? '\n' : line[i]);
                }
                else
                {
                    value.Append(line[i]);
                }
            }

            labels[label] = value.ToString();
            at = i + 1;
            if (at < line.Length && line[at] == ',')
                at++;
        }

        return at + 1;
    }
}
