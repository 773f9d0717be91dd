using Fn.AwsGuardDuty.Poller;

namespace Fn.AwsGuardDuty.Tests.Poller;

/// <summary>
/// The archive check's per-cycle cap carries over by a cursor: with N open incidents and a cap of C per cycle, every
/// incident is checked within ceil(N / C) cycles, also while the open set is re-read (and changes) every cycle.
/// </summary>
[TestFixture]
public sealed class ArchiveCheckRoundTests
{
    private static string Id(int i) => $"f{i:D6}";

    [Test]
    public void Ten_thousand_open_incidents_are_all_checked_within_ten_cycles_of_1000()
    {
        var open = new SortedSet<string>(Enumerable.Range(0, 10_000).Select(Id), StringComparer.Ordinal);
        var checkedIds = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;

        for (var cycle = 0; cycle < 10; cycle++)
        {
            var round = ArchiveCheckRound.Next(open, cursor, 1_000);
            round.Should().HaveCount(1_000);
            checkedIds.UnionWith(round);
            cursor = round[^1];
        }

        checkedIds.Should().HaveCount(10_000, "ceil(10000 / 1000) = 10 cycles check every open incident");
    }

    [Test]
    public void An_incident_present_throughout_is_checked_within_ceil_N_over_cap_minus_new_per_cycle_while_the_set_changes()
    {
        const int cap = 7;
        const int newPerCycle = 3;
        var open = new SortedSet<string>(Enumerable.Range(0, 40).Select(i => Id(i * 10)), StringComparer.Ordinal);
        var steady = open.Where((_, i) => i % 3 == 0).ToList();
        var lastChecked = steady.ToDictionary(id => id, _ => -1, StringComparer.Ordinal);
        string? cursor = null;
        var largest = open.Count;
        var random = new Random(5);

        for (var cycle = 0; cycle < 60; cycle++)
        {
            // Each cycle the open set is re-read: some incidents closed, some new ones (anywhere in the order).
            foreach (var gone in open.Where(id => !lastChecked.ContainsKey(id) && random.Next(4) == 0).ToList()) open.Remove(gone);
            for (var n = 0; n < newPerCycle; n++) open.Add(Id(random.Next(0, 400) * 10 + 5));
            largest = Math.Max(largest, open.Count);
            var round = ArchiveCheckRound.Next(open, cursor, cap);
            round.Should().OnlyHaveUniqueItems();
            round.Should().HaveCount(Math.Min(cap, open.Count));
            foreach (var id in round)
                if (lastChecked.ContainsKey(id)) lastChecked[id] = cycle;
            cursor = round[^1];
            // Between two checks of one incident the cursor passes at most N other incidents, and each cycle it moves
            // `cap` forward while at most `newPerCycle` new ones can land in front of it.
            var bound = (int)Math.Ceiling(largest / (double)(cap - newPerCycle));
            if (cycle >= bound)
                foreach (var (id, at) in lastChecked)
                    (cycle - at).Should().BeLessThanOrEqualTo(bound, $"{id} must be checked at least once every ceil({largest}/({cap}-{newPerCycle})) = {bound} cycles");
        }
    }

    [Test]
    public void A_cursor_whose_incident_was_closed_continues_after_it()
    {
        var open = new SortedSet<string>(["a", "b", "d", "e"], StringComparer.Ordinal);

        ArchiveCheckRound.Next(open, "c", 2).Should().Equal("d", "e");
        ArchiveCheckRound.Next(open, "e", 3).Should().Equal("a", "b", "d");
        ArchiveCheckRound.Next(open, null, 10).Should().Equal("a", "b", "d", "e");
    }
}
