using Fn.AwsGuardDuty.Hosting.Memory;

namespace Fn.AwsGuardDuty.Tests.Hosting.Memory;

[TestFixture]
public sealed class IdleMemoryTrimPolicyTests
{
    private static IdleMemoryTrimPolicy Policy() => new(TimeSpan.FromSeconds(1), quietBytes: 100, workBytes: 1_000);

    [Test]
    public void Start_up_counts_as_work_and_the_first_quiet_reading_after_it_trims()
    {
        var policy = Policy();

        policy.Observe(5_000).Should().BeFalse("the process is still allocating (start-up)");
        policy.Observe(5_050).Should().BeTrue("50 bytes in an interval is quiet, and 5,050 bytes of work came before it");
    }

    [Test]
    public void A_trim_happens_once_per_stretch_of_work()
    {
        var policy = Policy();
        policy.Observe(5_000);
        policy.Observe(5_000).Should().BeTrue();
        policy.Trimmed();

        policy.Observe(5_000).Should().BeFalse("nothing was allocated since the trim");
        policy.Observe(5_090).Should().BeFalse("quiet, but 90 bytes is not work");
        policy.WorkSinceTrim.Should().Be(90);
    }

    [Test]
    public void Work_in_small_quiet_steps_adds_up_to_a_trim()
    {
        var policy = Policy();
        var allocated = 0L;
        var trims = 0;
        // 100 bytes per reading: every reading is quiet; every ten of them make 1,000 bytes of work.
        for (var reading = 0; reading < 30; reading++)
        {
            allocated += 100;
            if (!policy.Observe(allocated)) continue;
            trims++;
            policy.Trimmed();
        }

        trims.Should().Be(3);
    }

    [Test]
    public void No_trim_while_the_process_keeps_allocating()
    {
        var policy = Policy();
        var allocated = 0L;
        for (var reading = 0; reading < 50; reading++)
        {
            allocated += 101;
            policy.Observe(allocated).Should().BeFalse("101 bytes per interval is above the quiet limit");
        }

        policy.WorkSinceTrim.Should().Be(50 * 101);
    }

    [Test]
    public void Settings_that_could_never_trim_or_would_trim_on_nothing_are_refused()
    {
        FluentActions.Invoking(() => new IdleMemoryTrimPolicy(TimeSpan.Zero, 100, 1_000)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new IdleMemoryTrimPolicy(TimeSpan.FromSeconds(1), -1, 1_000)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new IdleMemoryTrimPolicy(TimeSpan.FromSeconds(1), 1_000, 1_000)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
