using System.Text;

namespace Fn.AwsGuardDuty.Stomp;

/// <summary>STOMP 1.2 header value escaping: <c>\r \n \c \\</c>. Any other escape is a protocol error.</summary>
public static class StompHeaderEscaping
{
    public static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny("\\\r\n:") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\\' => "\\\\",
                '\r' => "\\r",
                '\n' => "\\n",
                ':' => "\\c",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    public static string Unescape(string value)
    {
        var first = value.IndexOf('\\');
        if (first < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            if (i + 1 >= value.Length)
            {
                throw new StompProtocolException("header value ends with a lone backslash");
            }

            builder.Append(value[++i] switch
            {
                'r' => '\r',
                'n' => '\n',
                'c' => ':',
                '\\' => '\\',
                var other => throw new StompProtocolException($"undefined escape sequence '\\{other}' in a header"),
            });
        }

        return builder.ToString();
    }
}
