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

    private const string Caller = "210987654321";

    private CheckpointStore Store() => new(Path.Combine(_dir, "state"), _factory.CreateLogger("test"));

    [Test]
    public async Task A_saved_checkpoint_loads_back_with_every_part()
    {
        var store = Store();
        var saved = new DetectorCheckpoint(Caller, "eu-west-1", "det-1", isNew: true) { AccountId = "123456789012", ReconcileCursor = "f-3" };
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
        var loaded = store.Load(Caller, "eu-west-1", "det-1");

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
        var json = (JObject)Fn.AwsGuardDuty.GuardDuty.Http.WireJson.Parse(await File.ReadAllTextAsync(store.PathFor(Caller, "eu-west-1", "det-1")));
        json.Value<string>("high_water").Should().Be("1970-01-01T00:00:01.000Z");
        Directory.GetFiles(store.Directory).Should().ContainSingle("the temporary file was renamed over the checkpoint");
    }

    [Test]
    public async Task The_file_is_written_in_the_format_older_releases_wrote_and_read()
    {
        var store = new CheckpointStore(Path.Combine(_dir, "state"), _factory.CreateLogger("test"),
            new Fn.AwsGuardDuty.Tests.Findings.FixedTimeProvider(new DateTimeOffset(2025, 3, 3, 11, 7, 0, TimeSpan.Zero)));
        var checkpoint = new DetectorCheckpoint(Caller, "us-east-1", "det-1", isNew: true) { AccountId = "111122223333", ReconcileCursor = "f-a" };
        checkpoint.Advance(1741000000000, TimeSpan.FromMinutes(5));
        checkpoint.Recent["f-b"] = 1741000000000;
        checkpoint.Recent["f-a"] = 1741000000000;
        checkpoint.Recent["f-up"] = 1741000000500;
        checkpoint.Retry["f-r"] = new RetryEntry(2, false, "HTTP 500");
        checkpoint.Retry["f-x"] = new RetryEntry(5, true, null);
        checkpoint.PendingCreates.Add("f-p");
        checkpoint.OpenIncidentFindings.UnionWith(["f-b", "f-a"]);
        checkpoint.CloseRefused["f-a"] = "9f2c";

        await store.SaveAsync(checkpoint);

        // Written out by hand: the members, their order and their JSON types are the file format that earlier releases
        // wrote and that this release must go on reading (A_file_of_an_older_release_is_taken_over_for_the_account).
        var expected = """
            {
              "format": 1,
              "caller_account_id": "210987654321",
              "account_id": "111122223333",
              "region": "us-east-1",
              "detector_id": "det-1",
              "high_water_ms": 1741000000000,
              "high_water": "2025-03-03T11:06:40.000Z",
              "boundary_ids": [
                "f-a",
                "f-b"
              ],
              "recent": {
                "f-up": 1741000000500
              },
              "retry": {
                "f-r": {
                  "attempts": 2,
                  "invalid": false,
                  "last_error": "HTTP 500"
                },
                "f-x": {
                  "attempts": 5,
                  "invalid": true
                }
              },
              "pending_creates": [
                "f-p"
              ],
              "open_incident_findings": [
                "f-a",
                "f-b"
              ],
              "close_refused": {
                "f-a": "9f2c"
              },
              "reconcile_cursor": "f-a",
              "saved_at": "2025-03-03T11:07:00.000Z"
            }
            """;
        var written = await File.ReadAllTextAsync(store.PathFor(Caller, "us-east-1", "det-1"));
        written.ReplaceLineEndings("\n").Should().Be(expected.ReplaceLineEndings("\n"));
    }

    [Test]
    public void A_missing_checkpoint_is_new()
    {
        var checkpoint = Store().Load(Caller, "us-east-1", "det-1");

        checkpoint.IsNew.Should().BeTrue();
        checkpoint.HighWater.Should().BeNull();
        _logs.Lines.Should().Contain(l => l.Contains("No checkpoint", StringComparison.Ordinal));
    }

    [TestCase("not json at all")]
    [TestCase("{\"format\": 99, \"region\": \"us-east-1\", \"detector_id\": \"det-1\"}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"other\"}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\", \"recent\": {\"\": 5}}")]
    [TestCase("")]
    [TestCase("[1, 2]")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\", \"recent\": []}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\", \"recent\": {\"f-1\": \"soon\"}}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\", \"recent\": {\"f-1\": null}}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\", \"retry\": {\"f-1\": 5}}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\", \"boundary_ids\": \"f-1\"}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\", \"boundary_ids\": [[\"f-1\"]]}")]
    [TestCase("{\"format\": 99999999999, \"region\": \"us-east-1\", \"detector_id\": \"det-1\"}")]
    [TestCase("{\"format\": 1, \"region\": {\"name\": \"us-east-1\"}, \"detector_id\": \"det-1\"}")]
    [TestCase("{\"format\": 1, \"region\": \"us-east-1\", \"detector_id\": \"det-1\"} trailing")]
    public async Task A_corrupt_checkpoint_is_logged_set_aside_and_replaced_by_a_new_one(string content)
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        await File.WriteAllTextAsync(store.PathFor(Caller, "us-east-1", "det-1"), content);

        var checkpoint = store.Load(Caller, "us-east-1", "det-1");

        checkpoint.IsNew.Should().BeTrue();
        _logs.Lines.Should().Contain(l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("corrupt", StringComparison.Ordinal));
        Directory.GetFiles(store.Directory, "*.corrupt-*").Should().ContainSingle();
        File.Exists(store.PathFor(Caller, "us-east-1", "det-1")).Should().BeFalse();
    }

    [Test]
    public void The_mark_never_moves_back()
    {
        var checkpoint = new DetectorCheckpoint(Caller, "us-east-1", "det-1", isNew: true);

        checkpoint.Advance(2000, TimeSpan.Zero);
        checkpoint.Advance(1000, TimeSpan.Zero);

        checkpoint.HighWater.Should().Be(2000);
    }

    [Test]
    public async Task The_file_name_holds_the_account_region_and_detector_and_accounts_never_share_a_file()
    {
        var store = Store();
        var mine = new DetectorCheckpoint(Caller, "us-east-1", "det-1", isNew: true);
        mine.Advance(1000, TimeSpan.Zero);
        await store.SaveAsync(mine);

        Path.GetFileName(store.PathFor(Caller, "us-east-1", "det-1")).Should().Be("checkpoint_210987654321_us-east-1_det-1.json");
        File.Exists(Path.Combine(store.Directory, "checkpoint_210987654321_us-east-1_det-1.json")).Should().BeTrue();
        store.Load("999988887777", "us-east-1", "det-1").IsNew.Should().BeTrue("another account's credentials start their own checkpoint");
        store.Load(Caller, "us-east-1", "det-1").HighWater.Should().Be(1000);
    }

    [Test]
    public async Task A_file_of_an_older_release_is_taken_over_for_the_account()
    {
        var store = Store();
        Directory.CreateDirectory(store.Directory);
        // The format releases before the account joined the key wrote: named by region and detector only.
        var legacy = Path.Combine(store.Directory, "checkpoint_us-east-1_det-1.json");
        await File.WriteAllTextAsync(legacy, """
            {
              "format": 1,
              "account_id": "111122223333",
              "region": "us-east-1",
              "detector_id": "det-1",
              "high_water_ms": 1741000000000,
              "high_water": "2025-03-03T11:06:40.000Z",
              "boundary_ids": ["f-a", "f-b"],
              "recent": {},
              "retry": {"f-r": {"attempts": 2, "invalid": false, "last_error": "HTTP 500"}},
              "pending_creates": [],
              "open_incident_findings": ["f-a"],
              "close_refused": {},
              "saved_at": "2025-03-03T11:07:00.000Z"
            }
            """);

        var checkpoint = store.Load(Caller, "us-east-1", "det-1");

        checkpoint.IsNew.Should().BeFalse("the poller resumes where the older release stopped");
        checkpoint.HighWater.Should().Be(1741000000000);
        checkpoint.BoundaryIds().Should().Equal("f-a", "f-b");
        checkpoint.Retry["f-r"].Attempts.Should().Be(2);
        checkpoint.OpenIncidentFindings.Should().Equal("f-a");
        File.Exists(legacy).Should().BeFalse();
        File.Exists(store.PathFor(Caller, "us-east-1", "det-1")).Should().BeTrue();
        _logs.Lines.Should().Contain(l => l.Contains("of an older release", StringComparison.Ordinal));

        await store.SaveAsync(checkpoint);
        var json = (JObject)Fn.AwsGuardDuty.GuardDuty.Http.WireJson.Parse(await File.ReadAllTextAsync(store.PathFor(Caller, "us-east-1", "det-1")));
        json.Value<string>("caller_account_id").Should().Be(Caller);
    }

    [Test]
    public async Task A_file_that_names_another_account_is_set_aside()
    {
        var store = Store();
        var theirs = new DetectorCheckpoint("999988887777", "us-east-1", "det-1", isNew: true);
        await store.SaveAsync(theirs);
        File.Move(store.PathFor("999988887777", "us-east-1", "det-1"), store.PathFor(Caller, "us-east-1", "det-1"));

        store.Load(Caller, "us-east-1", "det-1").IsNew.Should().BeTrue();
        Directory.GetFiles(store.Directory, "*.corrupt-*").Should().ContainSingle();
    }
}
