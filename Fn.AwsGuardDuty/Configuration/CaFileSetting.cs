using Fn.AwsGuardDuty.Tls;

namespace Fn.AwsGuardDuty.Configuration;

/// <summary>The value of <c>cafile</c> or <c>stomp_cafile</c>; a file is read once, at load, into its <see cref="CaBundle"/>.</summary>
public sealed record CaFileSetting(CaFileMode Mode, CaBundle? Bundle)
{
    public static CaFileSetting SystemRoots { get; } = new(CaFileMode.SystemRoots, null);

    public static CaFileSetting Disabled { get; } = new(CaFileMode.Disabled, null);

    public string? Path => Bundle?.Path;

    public static CaFileSetting FromBundle(CaBundle bundle) => new(CaFileMode.File, bundle ?? throw new ArgumentNullException(nameof(bundle)));

    public override string ToString() => Mode switch
    {
        CaFileMode.File => Path!,
        CaFileMode.Disabled => "false (verification disabled)",
        _ => "system trust store",
    };
}
