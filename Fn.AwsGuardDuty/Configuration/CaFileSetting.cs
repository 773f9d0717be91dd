namespace Fn.AwsGuardDuty.Configuration;

/// <summary>The value of <c>cafile</c> or <c>stomp_cafile</c>.</summary>
public sealed record CaFileSetting(CaFileMode Mode, string? Path)
{
    public static CaFileSetting SystemRoots { get; } = new(CaFileMode.SystemRoots, null);

    public static CaFileSetting Disabled { get; } = new(CaFileMode.Disabled, null);

    public static CaFileSetting FromFile(string path) => new(CaFileMode.File, path);

    public override string ToString() => Mode switch
    {
        CaFileMode.File => Path!,
        CaFileMode.Disabled => "false (verification disabled)",
        _ => "system trust store",
    };
}
