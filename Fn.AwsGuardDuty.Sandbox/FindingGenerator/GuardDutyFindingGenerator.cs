using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fn.AwsGuardDuty.Sandbox.Aws;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.FindingGenerator;

/// <summary>
/// Realistic GuardDuty findings in wire camelCase, deterministic for a seed and options, streamed one at a time so
/// any number can be produced without holding them. Types cycle through the catalog (shuffled per round), so every
/// action type, resource type and severity band shows up in any run of more than a few dozen findings.
/// </summary>
public sealed class GuardDutyFindingGenerator
{
    private readonly FindingGeneratorOptions options;
    private readonly Random random;
    private readonly IReadOnlyList<FindingTypeProfile> profiles;
    private readonly string detectorId;
    private readonly List<FindingTypeProfile> round = [];
    private long produced;

    public GuardDutyFindingGenerator(int seed, FindingGeneratorOptions? options = null)
    {
        this.options = options ?? new FindingGeneratorOptions();
        this.options.Validate();
        random = new Random(seed);
        profiles = this.options.Types.Count == 0
            ? FindingTypeCatalog.All
            : this.options.Types.Select(type => FindingTypeCatalog.Find(type)!).ToList();
        detectorId = this.options.DetectorId ?? StableDetectorId(this.options.AccountId, this.options.Region);
    }

    public string DetectorId => detectorId;

    /// <summary>The detector id a generator uses by default for an account and region.</summary>
    public static string StableDetectorId(string accountId, string region) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"detector/{accountId}/{region}")))[..32];

    /// <summary>The next <paramref name="count"/> findings, generated lazily.</summary>
    public IEnumerable<JObject> Generate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        for (var i = 0; i < count; i++)
        {
            yield return Next();
        }
    }

    public JObject Next()
    {
        if (round.Count == 0)
        {
            round.AddRange(profiles.OrderBy(_ => random.Next()));
        }

        var profile = round[^1];
        round.RemoveAt(round.Count - 1);
        var createdAt = options.StartTime + (options.Spacing * produced) + TimeSpan.FromMilliseconds(random.Next(0, 1000));
        produced++;
        return Build(profile, new GeneratedValues(random, sample: false), options.AccountId, options.Region, detectorId, createdAt);
    }

    /// <summary>
    /// A sample finding as CreateSampleFindings renders one: placeholder identities and
    /// <c>additionalInfo.value = {"sample":true}</c>. Uses this generator's random stream.
    /// </summary>
    public JObject CreateSample(string type, string accountId, string region, string sampleDetectorId, DateTimeOffset now)
    {
        var profile = FindingTypeCatalog.Find(type) ?? throw new ArgumentException($"Unknown finding type '{type}'.", nameof(type));
        return Build(profile, new GeneratedValues(random, sample: true), accountId, region, sampleDetectorId, now);
    }

    private static JObject Build(FindingTypeProfile profile, GeneratedValues values, string accountId, string region, string detector, DateTimeOffset createdAt)
    {
        var id = values.Hex(32);
        var updatedAt = values.Sample ? createdAt : createdAt + TimeSpan.FromMilliseconds(values.Int(0, 6 * 3600 * 1000));
        var firstSeen = createdAt - TimeSpan.FromMilliseconds(values.Int(0, 2 * 3600 * 1000));
        var (resource, resourceName) = ResourceFactory.Build(profile, values, accountId, region, createdAt);
        var action = ActionFactory.Build(profile, values, resource, accountId);
        var severity = Math.Round(profile.Band.Min + (values.Double() * (profile.Band.Max - profile.Band.Min)), 1);
        var service = new JObject
        {
            ["action"] = action,
            ["archived"] = false,
            ["count"] = values.Sample ? 1 : values.Int(1, 60),
            ["detectorId"] = detector,
            ["eventFirstSeen"] = IsoTimestamp.Format(firstSeen),
            ["eventLastSeen"] = IsoTimestamp.Format(updatedAt),
            ["resourceRole"] = profile.ActionType == FindingActionType.NetworkConnection && profile.Type.StartsWith("Backdoor", StringComparison.Ordinal) ? "ACTOR" : "TARGET",
            ["serviceName"] = "guardduty",
            ["additionalInfo"] = new JObject
            {
                ["value"] = values.Sample ? "{\"sample\":true}" : AdditionalInfo(profile),
                ["type"] = "default",
            },
            ["featureName"] = profile.FeatureName,
        };
        if (profile.Type.Contains("MaliciousIPCaller", StringComparison.Ordinal) || profile.Type.Contains("C&C", StringComparison.Ordinal))
        {
            service["evidence"] = new JObject
            {
                ["threatIntelligenceDetails"] = new JArray
                {
                    new JObject { ["threatListName"] = "ProofPoint", ["threatNames"] = new JArray("Known malicious host") },
                },
            };
        }

        return new JObject
        {
            ["accountId"] = accountId,
            ["arn"] = $"arn:aws:guardduty:{region}:{accountId}:detector/{detector}/finding/{id}",
            ["createdAt"] = IsoTimestamp.Format(createdAt),
            ["description"] = profile.Description,
            ["id"] = id,
            ["partition"] = "aws",
            ["region"] = region,
            ["resource"] = resource,
            ["schemaVersion"] = "2.0",
            ["service"] = service,
            ["severity"] = severity,
            ["title"] = string.Format(CultureInfo.InvariantCulture, profile.Title, resourceName, profile.Detail),
            ["type"] = profile.Type,
            ["updatedAt"] = IsoTimestamp.Format(updatedAt),
        };
    }

    private static string AdditionalInfo(FindingTypeProfile profile) =>
        profile.Type.Contains("MaliciousIPCaller", StringComparison.Ordinal)
            ? "{\"threatListName\":\"ProofPoint\"}"
            : "{}";
}
