using Fn.AwsGuardDuty.Poller;
using Fn.AwsGuardDuty.Tests.Soar.Support;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Poller;

[TestFixture]
public sealed class CheckpointStoreTests
{
    private string _dir = null!;
    private CapturingLoggerProvider _logs = null!;
    private ILoggerFactory _factory = null!;

    [SetUp]
    public void CreateDir()
    {
        _dir = Directory.CreateTempSubdirectory("checkpoint-test-").FullName;
        _logs = new CapturingLoggerProvider();
        _factory = _logs.CreateFactory();
    }

    [TearDown]
    public void RemoveDir()
    {
        _factory.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private CheckpointStore Store() => new(Path.Combine(_dir, "state"), _factory.CreateLogger("test"));

    [Test]
    public async Task A_saved_checkpoint_loads_back_with_every_part()
    {
        var store = Store();
        var saved = new DetectorCheckpoint("eu-west-1", "det-1", isNew: true) { AccountId = "123456789012", ReconcileCursor = "f-3" };
        saved.Recent["f-old"] = 900;
        saved.Advance(1000, TimeSpan.FromMilliseconds(50));
        saved.Recent["f-1"] = 1000;
        saved.Recent["f-2"] = 1000;
        saved.Recent["f-moved"] = 5000;
        saved.Recent["f-near"] = 970;
        saved.Retry["f-9"] = new RetryEntry(2, false, "HTTP 500");
        saved.PendingCreates.Add("f-8");
        saved.OpenIncidentFindings.UnionWith(["f-1", "f-3"]);
        saved.CloseRefused["f-3"] = "abc";

        await store.SaveAsync(saved);
        var loaded = store.Load("eu-west-1", "det-1");

        loaded.IsNew.Should().BeFalse();
        loaded.HighWater.Should().Be(1000);
        loaded.BoundaryIds().Should().Equal("f-1", "f-2");
        loaded.Recent.Should().BeEquivalentTo(saved.Recent);
        loaded.Recent.Should().NotContainKey("f-old", "entries below the overlap window are forgotten");
        loaded.Retry["f-9"].Should().Be(new RetryEntry(2, false, "HTTP 500"));
        loaded.PendingCreates.Should().Equal("f-8");
        loaded.OpenIncidentFindings.Should().Equal("f-1", "f-3");
        loaded.CloseRefused.Should().Contain("f-3", "abc");
        loaded.AccountId.Should().Be("123456789012");
        loaded.ReconcileCursor.Should().Be("f-3");
        var json = (JObject)Fn.AwsGuardDuty.GuardDuty.Http.WireJson.Parse(await File.ReadAllTextAsync(store.PathFor("eu-west-1", "det-1")));
        json.Value<string>("high_water").Should().Be("1970-01-01T00:00:01.000Z");
        Directory.GetFiles(store.Directory).Should().ContainSingle("the temporary file was renamed over the checkpoint");
    }

    [Test]
    public void A_missing_checkpoint_is_new()
    {
        var checkpoint = Store().Load("us-east-1", "det-1");

        checkpoint.IsNew.Should().BeTrue();
        checkpoint.HighWater.Should().BeNull();
        _logs.Lines.Should().Contain(l => l.Contains("No checkpoint", StringComparison.Ordinal));
    }

    [TestCase("not json at all")]
    [TestCase("{\"format\": 99, \"region\": \"us-east-1\", \"detector_id\": \"det-1\"}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"other\"}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\", \"recent\": {\"\": 5}}")]
    [TestCase("")]
    public async Task A_corrupt_checkpoint_is_logged_set_aside_and_replaced_by_a_new_one(string content)
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        await File.WriteAllTextAsync(store.PathFor("us-east-1", "det-1"), content);

        var checkpoint = store.Load("us-east-1", "det-1");

        checkpoint.IsNew.Should().BeTrue();
        _logs.Lines.Should().Contain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("corrupt", StringComparison.Ordinal));
        Directory.GetFiles(store.Directory, "*.corrupt-*").Should().ContainSingle();
        File.Exists(store.PathFor("us-east-1", "det-1")).Should().BeFalse();
    }

    [Test]
    public void The_mark_never_moves_back()
    {
        var checkpoint = new DetectorCheckpoint("us-east-1", "det-1", isNew: true);

        checkpoint.Advance(2000, TimeSpan.Zero);
        checkpoint.Advance(1000, TimeSpan.Zero);

        checkpoint.HighWater.Should().Be(2000);
    }
}
