using System.Security.Cryptography;
using System.Text;

namespace Fn.AwsGuardDuty.Sandbox.Customization;

/// <summary>
/// Name-based UUIDs (RFC 4122 version 5, SHA-1) for the customization's new objects, so regenerating the export
/// gives the same uuids and an upgrade merges instead of duplicating.
/// </summary>
public static class StableUuid
{
    /// <summary>The namespace of every fn-aws-guardduty customization uuid (fixed once; never change it).</summary>
    public static readonly Guid Namespace = new("6b1d6f3e-41a2-4c0f-9a57-2f0e3c8d9b14");

    /// <summary>The version-5 uuid of <paramref name="name"/> (e.g. "function/aws_guardduty_get_findings"), lower-case text.</summary>
    public static string For(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Span<byte> ns = stackalloc byte[16];
        Namespace.TryWriteBytes(ns, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        ns.CopyTo(input);
        nameBytes.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString();
    }

    /// <summary>A stable positive number for <paramref name="name"/> (select option values, which SOAR keys by number).</summary>
    public static int Number(string name)
    {
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(name));
        return 1000 + (int)(BitConverter.ToUInt32(hash, 0) % 1_000_000_000u);
    }
}
