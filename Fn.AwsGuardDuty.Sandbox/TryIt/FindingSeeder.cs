using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty;

namespace Fn.AwsGuardDuty.Sandbox.TryIt;

/// <summary>
/// Puts generated findings (every action type, resource type and severity band) into the GuardDuty emulator, spread
/// evenly over the sandbox's regions. Their timestamps lie a few hours back, inside the app's lookback window.
/// </summary>
public static class FindingSeeder
{
    public static IReadOnlyList<SeededFinding> Seed(GuardDutyEmulatorState state, IReadOnlyDictionary<string, DetectorKey> detectors, int count, int seed,
        DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var regions = detectors.Keys.Order(StringComparer.Ordinal).ToList();
        var seeded = new List<SeededFinding>(count);
        for (var i = 0; i < regions.Count; i++)
        {
            var detector = detectors[regions[i]];
            var share = (count / regions.Count) + (i < count % regions.Count ? 1 : 0);
            var spacing = TimeSpan.FromSeconds(1);
            var generator = new GuardDutyFindingGenerator(seed + i, new FindingGeneratorOptions
            {
                AccountId = detector.AccountId,
                Region = detector.Region,
                DetectorId = detector.DetectorId,
                // The generator puts updatedAt up to 6 h after createdAt; all of it stays in the past.
                StartTime = now - TimeSpan.FromHours(7) - (spacing * share),
                Spacing = spacing,
            });
            var findings = generator.Generate(share).ToList();
            state.AddFindings(detector, findings);
            seeded.AddRange(findings.Select(f => new SeededFinding(detector, f.Value<string>("id")!, f.Value<string>("type")!, f.Value<double>("severity"))));
        }

        return seeded;
    }
}
