using System.Reflection;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>Settings of the <see cref="FunctionListener"/>. Validate with <see cref="Validate"/> before use.</summary>
public sealed class FunctionListenerOptions
{
    /// <summary>The SOAR org id found by the REST login (required).</summary>
    public int OrgId { get; set; }

    /// <summary>The message destination's programmatic name; the queue is <c>actions.&lt;org_id&gt;.&lt;destination&gt;</c>.</summary>
    public string Destination { get; set; } = "fn_aws_gd";

    /// <summary>Most functions running at once ([resilient] num_workers).</summary>
    public int NumWorkers { get; set; } = 10;

    /// <summary>activemq.prefetchSize ([resilient] stomp_prefetch_limit); null means <see cref="NumWorkers"/>.</summary>
    public int? PrefetchLimit { get; set; }

    /// <summary>How long a graceful stop waits for running functions before abandoning them (they are redelivered).</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an answered message-id is remembered, so a redelivery is ACKed without running again.</summary>
    public TimeSpan AnsweredCacheDuration { get; set; } = TimeSpan.FromHours(1);

    public int AnsweredCacheCapacity { get; set; } = 10_000;

    /// <summary>Marks replies persistent, so they survive a broker restart (resilient-circuits sends them non-persistent).</summary>
    public bool PersistentReplies { get; set; } = true;

    public string PackageName { get; set; } = "fn-aws-guardduty";

    public string PackageVersion { get; set; } = DefaultPackageVersion();

    public int EffectivePrefetchLimit => PrefetchLimit ?? NumWorkers;

    /// <summary>The SUBSCRIBE destination (no /queue/ prefix, as SOAR's framework sends it).</summary>
    public string SubscribeDestination => $"actions.{OrgId}.{Destination}";

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(OrgId > 0, nameof(OrgId), $"must be a positive org id, got {OrgId}");
        Require(!string.IsNullOrWhiteSpace(Destination) && !Destination.Any(c => char.IsWhiteSpace(c) || c is '/' or '*' or '>'),
            nameof(Destination), $"'{Destination}' is not a valid destination name");
        Require(NumWorkers is >= 1 and <= 2000, nameof(NumWorkers), $"must be 1..2000, got {NumWorkers}");
        Require(PrefetchLimit is null or (>= 1 and <= 2000), nameof(PrefetchLimit), $"must be 1..2000, got {PrefetchLimit}");
        Require(ShutdownGrace >= TimeSpan.Zero, nameof(ShutdownGrace), "must not be negative");
        Require(AnsweredCacheDuration > TimeSpan.Zero, nameof(AnsweredCacheDuration), "must be positive");
        Require(AnsweredCacheCapacity >= 1, nameof(AnsweredCacheCapacity), "must be at least 1");
        Require(!string.IsNullOrWhiteSpace(PackageName), nameof(PackageName), "is required");
        Require(!string.IsNullOrWhiteSpace(PackageVersion), nameof(PackageVersion), "is required");
    }

    private static string DefaultPackageVersion()
    {
        var assembly = typeof(FunctionListenerOptions).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var version = informational ?? assembly.GetName().Version?.ToString(3) ?? "unknown";
        var plus = version.IndexOf('+');
        return plus > 0 ? version[..plus] : version;
    }

    private static void Require(bool condition, string name, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"function listener option {name} {problem}", name);
        }
    }
}
