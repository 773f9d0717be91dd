using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Circuits;

/// <summary>The envelope's <c>metrics</c>: version "1.0", package, package_version, host, execution_time_ms, timestamp (local, no zone).</summary>
public sealed record ResultMetrics(string Package, string PackageVersion, string Host, long ExecutionTimeMs, DateTime LocalTimestamp)
{
    public const string TimestampFormat = "yyyy-MM-dd HH:mm:ss";

    public string Version => "1.0";

    public string Timestamp => LocalTimestamp.ToString(TimestampFormat, System.Globalization.CultureInfo.InvariantCulture);

    public JObject ToJson() => new()
    {
        ["version"] = Version,
        ["package"] = Package,
        ["package_version"] = PackageVersion,
        ["host"] = Host,
        ["execution_time_ms"] = ExecutionTimeMs,
        ["timestamp"] = Timestamp,
    };
}
