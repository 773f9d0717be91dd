using Fn.AwsGuardDuty.Functions;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Functions;

/// <summary><c>aws_guardduty_unarchive_finding</c> through the listener and the GuardDuty emulator.</summary>
public class UnarchiveFindingTests : FunctionsBrokerFixture
{
    private const string Function = FunctionNames.UnarchiveFinding;

    [Test]
    public async Task Unarchives_one_or_several_ids_and_answers_them()
    {
        var ids = SeedFindings(2, seed: 201).Select(f => (string)f["id"]!).ToList();
        foreach (var id in ids)
            GuardDuty.State.SetArchived(Detector, id, true);
        var inputs = FindingInputs($" {ids[0]},\n{ids[1]} , {ids[0]}", Detector.DetectorId);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: true, reason: null, new JObject
        {
            ["status"] = "ok",
            ["finding_ids"] = new JArray(ids),
        }, inputs);
        ids.Select(id => GuardDuty.State.GetFinding(Detector, id)!["service"]!["archived"]!.Value<bool>()).Should().AllBeEquivalentTo(false);
    }

    [Test]
    public async Task More_than_50_ids_go_in_batches_of_50()
    {
        var ids = Enumerable.Range(0, 120).Select(i => $"missing{i:D3}").ToList();
        GuardDuty.State.Calls.Reset();

        var replies = await CallAsync(Function, FindingInputs(string.Join(",", ids), Detector.DetectorId));

        replies.ShouldBeCompleted()["content"]!["finding_ids"]!.Values<string>().Should().Equal(ids);
        GuardDuty.State.Calls.Count("UnarchiveFindings").Should().Be(3);
    }

    [Test]
    public async Task An_unknown_detector_is_success_false_with_the_AWS_code_and_message()
    {
        var inputs = FindingInputs("c2bb95a17b879bffc96c58f8a1689784", UnknownDetector);

        var replies = await CallAsync(Function, inputs);

        replies.ShouldBeCompleted(success: false, reason: "BadRequestException: " + NotOwnedMessage, new JObject(), inputs);
    }

    [Test]
    public async Task A_malformed_id_is_refused_by_name_before_any_AWS_call()
    {
        var before = GuardDuty.State.Calls.Total;

        var replies = await CallAsync(Function, FindingInputs("abc, ../etc/passwd", Detector.DetectorId));

        replies.ShouldBeError("input 'aws_gd_finding_id' holds '../etc/passwd', which is not an id (ids are letters, digits, '-', '_', '.' or ':', " +
                              "at most 300 characters, separated by commas or spaces)");
        GuardDuty.State.Calls.Total.Should().Be(before);
    }
}
