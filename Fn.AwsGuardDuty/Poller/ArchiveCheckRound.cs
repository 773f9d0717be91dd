namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// Which open incidents the archive check looks at this cycle: up to the cap, in finding-id order, starting after the
/// cursor (the last id checked) and wrapping around. The cursor survives the re-read of the open set, so the cap carries
/// over fairly: N open incidents are all checked within ceil(N / cap) cycles; when up to k incidents open per cycle,
/// within ceil(N / (cap - k)).
/// </summary>
internal static class ArchiveCheckRound
{
    public static List<string> Next(SortedSet<string> open, string? cursor, int count)
    {
        if (count <= 0 || count >= open.Count) return open.ToList();
        IEnumerable<string> after = cursor is null ? open
            : string.CompareOrdinal(cursor, open.Max) >= 0 ? []
            : open.GetViewBetween(cursor, open.Max!).Where(id => string.CompareOrdinal(id, cursor) > 0);
        var round = after.Take(count).ToList();
        if (round.Count < count)
        {
            var taken = round.ToHashSet(StringComparer.Ordinal);
            round.AddRange(open.Where(id => !taken.Contains(id)).Take(count - round.Count));
        }

        return round;
    }
}
