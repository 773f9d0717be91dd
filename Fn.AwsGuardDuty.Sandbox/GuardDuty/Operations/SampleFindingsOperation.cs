using Fn.AwsGuardDuty.Sandbox.FindingGenerator;
using Fn.AwsGuardDuty.Sandbox.GuardDuty.Store;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Operations;

/// <summary>CreateSampleFindings: one sample per requested type, every known type when the list is absent or empty.</summary>
internal sealed class SampleFindingsOperation(GuardDutyEmulatorState state)
{
    public JObject Execute(GuardDutyCall call)
    {
        var types = call.Body.OptionalStringList("findingTypes", 50, 1, 100);
        if (types is not null && types.Any(type => FindingTypeCatalog.Find(type) is null))
        {
            throw GuardDutyErrors.InvalidParameter("findingTypes");
        }

        var wanted = types is { Count: > 0 } ? types : FindingTypeCatalog.All.Select(profile => profile.Type).ToList();
        lock (state.Gate)
        {
            var detector = DetectorResolver.Resolve(state, call);
            var now = state.Clock.GetUtcNow();
            foreach (var type in wanted)
            {
                var sample = state.SampleGenerator.CreateSample(type, detector.AccountId, detector.Region, detector.Id, now);
                var id = (string)sample["id"]!;
                state.Put(detector, state.Admit(detector, sample));
            }

            detector.FindingsChanged();
        }

        return new JObject();
    }
}
