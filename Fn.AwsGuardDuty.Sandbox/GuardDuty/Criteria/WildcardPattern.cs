namespace Fn.AwsGuardDuty.Sandbox.GuardDuty.Criteria;

/// <summary>
/// The <c>matches</c>/<c>notMatches</c> patterns of a filter: <c>*</c> is any run of characters, <c>?</c> one
/// character, everything else literal and case-sensitive. AWS documents the operators but not their pattern syntax;
/// this is the emulator's choice (the console's wildcard convention).
/// </summary>
internal static class WildcardPattern
{
    public static bool Matches(string text, string pattern)
    {
        int t = 0, p = 0, star = -1, resume = 0;
        while (t < text.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == text[t]))
            {
                t++;
                p++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                resume = t;
            }
            else if (star >= 0)
            {
                p = star + 1;
                t = ++resume;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }
}
