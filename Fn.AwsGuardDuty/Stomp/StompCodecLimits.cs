namespace Fn.AwsGuardDuty.Stomp;

/// <summary>Bounds the decoder enforces, so a hostile or broken peer cannot make us buffer without end.</summary>
public sealed record StompCodecLimits
{
    public static StompCodecLimits Default { get; } = new();

    /// <summary>Largest body accepted (default 4 MiB).</summary>
    public int MaxBodyBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>Largest command line plus header block, in bytes (default 64 KiB).</summary>
    public int MaxHeaderBytes { get; init; } = 64 * 1024;

    /// <summary>Most header lines in one frame (default 128).</summary>
    public int MaxHeaders { get; init; } = 128;

    public void Validate()
    {
        if (MaxBodyBytes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxBodyBytes), MaxBodyBytes, "must be at least 1");
        }

        if (MaxHeaderBytes < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHeaderBytes), MaxHeaderBytes, "must be at least 64");
        }

        if (MaxHeaders < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxHeaders), MaxHeaders, "must be at least 1");
        }
    }
}
