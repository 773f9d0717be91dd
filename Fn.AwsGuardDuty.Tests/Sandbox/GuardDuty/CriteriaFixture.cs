using Fn.AwsGuardDuty.Sandbox.Aws;
using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Sandbox.GuardDuty;

/// <summary>
/// Six hand-shaped findings (generated, then pinned): f1 port probe 2.0, f2 SSH brute force 5.5 (port 22),
/// f3 DoS 8.9 archived, f4 attack sequence 9.0 (access key), f5 S3 7.0, f6 EKS 10.0; updatedAt one millisecond apart.
/// </summary>
public abstract class CriteriaFixture : EmulatorFixture
{
    public static readonly DateTimeOffset Base = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected DetectorKey Detector { get; private set; }

    [OneTimeSetUp]
    public void SeedFindings()
    {
        Detector = NewDetector("eu-west-1");
        Seed("f1", "Recon:EC2/PortProbeUnprotectedPort", 2.0, 0, archived: false, extra: finding =>
        {
            var interfaces = (JArray)finding.SelectToken("resource.instanceDetails.networkInterfaces")!;
            interfaces[0]["publicIp"] = "198.51.100.1";
            interfaces[1]["publicIp"] = "198.51.100.2";
        });
        Seed("f2", "UnauthorizedAccess:EC2/SSHBruteForce", 5.5, 1, archived: false);
        Seed("f3", "Backdoor:EC2/DenialOfService.Tcp", 8.9, 2, archived: true);
        Seed("f4", "AttackSequence:IAM/CompromisedCredentials", 9.0, 3, archived: false);
        Seed("f5", "Policy:S3/BucketBlockPublicAccessDisabled", 7.0, 4, archived: false);
        Seed("f6", "AttackSequence:EKS/CompromisedCluster", 10.0, 5, archived: false);
    }

    protected static long EpochMs(int offsetMs) => Base.AddMilliseconds(offsetMs).ToUnixTimeMilliseconds();

    /// <summary>Ids ListFindings returns for a criterion, in the order returned.</summary>
    internal async Task<List<string>> List(JObject? criterion, JObject? sort = null, SignedAwsClient? client = null)
    {
        var body = new JObject { ["maxResults"] = 50 };
        if (criterion is not null)
        {
            body["findingCriteria"] = new JObject { ["criterion"] = criterion };
        }

        if (sort is not null)
        {
            body["sortCriteria"] = sort;
        }

        var response = await (client ?? Client("eu-west-1")).PostAsync(FindingsPath(Detector), body);
        return response.ShouldBeOk()["findingIds"]!.Values<string>().Select(id => id!).ToList();
    }

    internal async Task<AwsTestResponse> ListRaw(JObject criterion) =>
        await Client("eu-west-1").PostAsync(FindingsPath(Detector), new JObject { ["findingCriteria"] = new JObject { ["criterion"] = criterion } });

    private void Seed(string id, string type, double severity, int offsetMs, bool archived, Action<JObject>? extra = null)
    {
        var finding = new GuardDutyFindingGenerator(offsetMs + 100, new FindingGeneratorOptions
        {
            AccountId = Detector.AccountId,
            Region = Detector.Region,
            DetectorId = Detector.DetectorId,
            Types = [type],
            StartTime = Base.AddHours(-1),
        }).Next();
        finding["id"] = id;
        finding.Remove("arn");
        finding["severity"] = severity;
        finding["createdAt"] = IsoTimestamp.Format(Base.AddHours(-1).AddMinutes(offsetMs));
        finding["updatedAt"] = IsoTimestamp.Format(Base.AddMilliseconds(offsetMs));
        finding["service"]!["archived"] = archived;
        extra?.Invoke(finding);
        State.AddFinding(Detector, finding);
    }
}
