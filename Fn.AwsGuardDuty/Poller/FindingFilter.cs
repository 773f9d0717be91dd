using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Fn.AwsGuardDuty.GuardDuty.Criteria;
using Microsoft.Extensions.Logging;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// What the poller asks GuardDuty for and what it keeps: unarchived findings, severity at or above the threshold, the
/// updatedAt window sorted ascending, and the type and account include/exclude regexes (applied here, because criteria
/// only match exact values). A fractional threshold is asked as its floor and checked exactly here.
/// </summary>
/// <remarks>
/// A regex that runs into its match timeout counts as "no match" for that value: an include pattern then leaves the
/// finding out, an exclude pattern lets it through. The first timeout of a value is logged once as an error naming the
/// key, and the value is remembered so later findings do not pay the timeout again.
/// </remarks>
public sealed class FindingFilter
{
    public const string FindingTypesKey = "aws_gd_finding_types";
    public const string ExcludeFindingTypesKey = "aws_gd_exclude_finding_types";
    public const string AccountsKey = "aws_gd_accounts";
    public const string ExcludeAccountsKey = "aws_gd_exclude_accounts";

    /// <summary>Distinct timed-out values remembered per key; beyond it a timeout is paid (and logged at debug) each time.</summary>
    private const int MaxRemembered = 10_000;

    private readonly double? _severityThreshold;
    private readonly Regex? _includeTypes;
    private readonly Regex? _excludeTypes;
    private readonly Regex? _includeAccounts;
    private readonly Regex? _excludeAccounts;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<(string Key, string Value), bool> _timedOut = new();

    public FindingFilter(double? severityThreshold, Regex? includeTypes, Regex? excludeTypes, Regex? includeAccounts = null,
        Regex? excludeAccounts = null, ILogger? logger = null)
    {
        _severityThreshold = severityThreshold;
        _includeTypes = includeTypes;
        _excludeTypes = excludeTypes;
        _includeAccounts = includeAccounts;
        _excludeAccounts = excludeAccounts;
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    public FindingCriteria Criteria(long? updatedSinceMs)
    {
        var criteria = new FindingCriteria().Archived(false);
        if (_severityThreshold is { } threshold)
            criteria.GreaterThanOrEqual("severity", (long)Math.Floor(threshold));
        if (updatedSinceMs is { } since)
            criteria.GreaterThanOrEqual("updatedAt", Math.Max(since, 0));
        return criteria;
    }

    public static SortCriteria Sort => SortCriteria.UpdatedAtAscending;

    /// <summary>Null when the finding is to be escalated, else why not.</summary>
    public string? Rejects(PolledFinding finding)
    {
        if (finding.Archived) return "archived";
        if (_severityThreshold is { } threshold && (finding.Severity ?? 0) < threshold)
            return $"severity {finding.Severity} is below the threshold {threshold}";
        var type = finding.Type ?? "";
        if (_includeTypes is not null && !Finds(_includeTypes, FindingTypesKey, type)) return $"type {type} is not in {FindingTypesKey}";
        if (_excludeTypes is not null && Finds(_excludeTypes, ExcludeFindingTypesKey, type)) return $"type {type} is in {ExcludeFindingTypesKey}";
        var account = finding.AccountId ?? "";
        if (_includeAccounts is not null && !Finds(_includeAccounts, AccountsKey, account)) return $"account {account} is not in {AccountsKey}";
        if (_excludeAccounts is not null && Finds(_excludeAccounts, ExcludeAccountsKey, account)) return $"account {account} is in {ExcludeAccountsKey}";
        return null;
    }

    private bool Finds(Regex pattern, string key, string value)
    {
        if (_timedOut.ContainsKey((key, value))) return false;
        try
        {
            return pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException e)
        {
            if (_timedOut.Count < MaxRemembered && _timedOut.TryAdd((key, value), true))
                _logger.LogError(
                    "{Key}: the pattern ran into its match timeout ({Timeout}) on '{Value}'; counted as no match for that value, and polling goes on. Use a simpler pattern in [fn_aws_guardduty] {Key}",
                    key, e.MatchTimeout, value, key);
            else
                _logger.LogDebug("{Key}: match timeout on '{Value}'; counted as no match", key, value);
            return false;
        }
    }
}
