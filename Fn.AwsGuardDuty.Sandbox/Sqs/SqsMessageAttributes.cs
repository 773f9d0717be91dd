using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Sqs;

/// <summary>
/// Message attributes as SendMessage takes them (<c>{"name":{"DataType","StringValue"|"BinaryValue"}}</c>): their
/// validation, and the MD5 digest SQS returns for them (the algorithm of the SQS developer guide: per attribute in
/// name order, length-prefixed name, data type, a transport byte 1/2 and the length-prefixed value).
/// </summary>
public static class SqsMessageAttributes
{
    public const int MaxAttributes = 10;

    /// <summary>A validated copy, or null when none were given.</summary>
    public static JObject? Validate(JToken? attributes, string parameter)
    {
        if (attributes is null || attributes.Type == JTokenType.Null)
        {
            return null;
        }

        if (attributes is not JObject map)
        {
            throw SqsErrors.SerializationException($"{parameter} must be a map.");
        }

        if (map.Count == 0)
        {
            return null;
        }

        if (map.Count > MaxAttributes)
        {
            throw SqsErrors.InvalidParameterValue($"Number of message attributes [{map.Count}] exceeds the allowed maximum [{MaxAttributes}].");
        }

        foreach (var (name, value) in map)
        {
            if (name.Length is 0 or > 256 || name.StartsWith("AWS.", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Amazon.", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith('.') || name.EndsWith('.') || name.Contains("..", StringComparison.Ordinal)
                || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                throw SqsErrors.InvalidParameterValue($"Message (user) attribute name '{name}' is invalid.");
            }

            if (value is not JObject entry || entry.Value<string>("DataType") is not { Length: > 0 } dataType)
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' must contain a non-empty attribute type.");
            }

            var baseType = dataType.Split('.', 2)[0];
            var stringValue = entry.Value<string>("StringValue");
            var binaryValue = entry.Value<string>("BinaryValue");
            var ok = baseType switch
            {
                "String" or "Number" => stringValue is { Length: > 0 } && binaryValue is null,
                "Binary" => binaryValue is { Length: > 0 } && stringValue is null && IsBase64(binaryValue),
                _ => throw SqsErrors.InvalidParameterValue($"The type of message (user) attribute '{name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String."),
            };
            if (!ok)
            {
                throw SqsErrors.InvalidParameterValue($"The message attribute '{name}' with type '{baseType}' must use field '{(baseType == "Binary" ? "Binary" : "String")}'.");
            }
        }

        return (JObject)map.DeepClone();
    }

    /// <summary>Hex MD5 over <paramref name="attributes"/>; null when there are none.</summary>
    public static string? Md5(JObject? attributes)
    {
        if (attributes is null || attributes.Count == 0)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        foreach (var (name, value) in attributes.Properties().Select(p => (p.Name, (JObject)p.Value)).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var dataType = value.Value<string>("DataType")!;
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(name));
            WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(dataType));
            if (value.Value<string>("BinaryValue") is { } binary)
            {
                buffer.WriteByte(2);
                WriteLengthPrefixed(buffer, Convert.FromBase64String(binary));
            }
            else
            {
                buffer.WriteByte(1);
                WriteLengthPrefixed(buffer, Encoding.UTF8.GetBytes(value.Value<string>("StringValue") ?? ""));
            }
        }

        return Convert.ToHexStringLower(MD5.HashData(buffer.ToArray()));
    }

    /// <summary>The subset of <paramref name="attributes"/> a ReceiveMessage asked for: names, <c>All</c>, <c>.*</c> or <c>prefix.*</c>.</summary>
    public static JObject? Select(JObject? attributes, IReadOnlyList<string> requested)
    {
        if (attributes is null || requested.Count == 0)
        {
            return null;
        }

        var selected = new JObject();
        foreach (var property in attributes.Properties())
        {
            if (requested.Any(pattern => Matches(pattern, property.Name)))
            {
                selected[property.Name] = property.Value.DeepClone();
            }
        }

        return selected.Count == 0 ? null : selected;
    }

    private static bool Matches(string pattern, string name) =>
        pattern is "All" or ".*"
        || string.Equals(pattern, name, StringComparison.Ordinal)
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && name.StartsWith(pattern[..^1], StringComparison.Ordinal));

    private static void WriteLengthPrefixed(Stream stream, byte[] bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        stream.Write(length);
        stream.Write(bytes);
    }

    private static bool IsBase64(string text)
    {
        var bytes = new byte[text.Length];
        return Convert.TryFromBase64String(text, bytes, out _);
    }
}
