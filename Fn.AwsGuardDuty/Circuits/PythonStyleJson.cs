using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>
/// Serializes JSON the way Python's <c>json.dumps</c> does with its defaults (<c>", "</c> and <c>": "</c> separators,
/// non-ASCII escaped as <c>\uXXXX</c>, floats always with a fraction or exponent), so the envelope's <c>raw</c>
/// string matches what IBM's app produced for the same content.
/// </summary>
public static class PythonStyleJson
{
    public static string Serialize(JToken? token)
    {
        var builder = new StringBuilder();
        Write(builder, token);
        return builder.ToString();
    }

    private static void Write(StringBuilder builder, JToken? token)
    {
        switch (token)
        {
            case null:
                builder.Append("null");
                break;
            case JObject obj:
                builder.Append('{');
                var firstProperty = true;
                foreach (var property in obj.Properties())
                {
                    if (!firstProperty)
                    {
                        builder.Append(", ");
                    }

                    firstProperty = false;
                    WriteString(builder, property.Name);
                    builder.Append(": ");
                    Write(builder, property.Value);
                }

                builder.Append('}');
                break;
            case JArray array:
                builder.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(", ");
                    }

                    Write(builder, array[i]);
                }

                builder.Append(']');
                break;
            case JValue value:
                WriteValue(builder, value);
                break;
            default:
                builder.Append(token.ToString(Formatting.None));
                break;
        }
    }

    private static void WriteValue(StringBuilder builder, JValue value)
    {
        switch (value.Type)
        {
            // A null string converted to JToken ((string?)null, e.g. obj["k"] = maybeNull) is a String-typed JValue
            // holding null; like every other null value it is JSON null.
            case JTokenType.Null or JTokenType.Undefined:
            case var _ when value.Value is null:
                builder.Append("null");
                break;
            case JTokenType.Boolean:
                builder.Append((bool)value ? "true" : "false");
                break;
            case JTokenType.Integer:
                builder.Append(Convert.ToString(value.Value, CultureInfo.InvariantCulture));
                break;
            case JTokenType.Float:
                builder.Append(FormatFloat(Convert.ToDouble(value.Value, CultureInfo.InvariantCulture)));
                break;
            case JTokenType.String:
                WriteString(builder, (string)value!);
                break;
            default:
                // Dates, GUIDs, URIs, TimeSpans: the same text Newtonsoft would write, as a JSON string.
                WriteString(builder, JsonConvert.SerializeObject(value).Trim('"'));
                break;
        }
    }

    private static string FormatFloat(double number)
    {
        if (double.IsNaN(number))
        {
            return "NaN";
        }

        if (double.IsInfinity(number))
        {
            return number > 0 ? "Infinity" : "-Infinity";
        }

        var text = number.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
        return text.Contains('.') || text.Contains('e') ? text : text + ".0";
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                case < ' ' or > '\u007f':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default: builder.Append(c); break;
            }
        }

        builder.Append('"');
    }
}
