using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>
/// One JSON file per account, region and detector under <c>aws_gd_state_dir</c>, written atomically (temporary file, flushed to
/// disk, renamed over the old one), so a crash leaves either the old or the new checkpoint, never half of one. A missing
/// or unreadable file is logged and replaced by a new checkpoint (lookback window, open incidents re-read from SOAR).
/// </summary>
public sealed class CheckpointStore
{
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    public CheckpointStore(string directory, ILogger logger, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        Directory = Path.GetFullPath(directory);
        _logger = logger;
        _time = timeProvider ?? TimeProvider.System;
    }

    public string Directory { get; }

    public string PathFor(string accountId, string region, string detectorId) =>
        Path.Combine(Directory, $"checkpoint_{Safe(accountId)}_{Safe(region)}_{Safe(detectorId)}.json");

    /// <summary>Where releases before the account joined the key kept the file (region and detector only).</summary>
    public string LegacyPathFor(string region, string detectorId) =>
        Path.Combine(Directory, $"checkpoint_{Safe(region)}_{Safe(detectorId)}.json");

    /// <summary>
    /// The saved checkpoint, or a new one (logged) when there is none or it cannot be read. Never throws for bad content.
    /// A file of an older release (keyed by region and detector) is taken over: renamed to the account's name, so the
    /// poller resumes where it stopped instead of escalating the lookback window again.
    /// </summary>
    public DetectorCheckpoint Load(string accountId, string region, string detectorId)
    {
        var path = PathFor(accountId, region, detectorId);
        string text;
        try
        {
            MigrateLegacyFile(accountId, region, detectorId, path);
            if (!File.Exists(path))
            {
                _logger.LogInformation("No checkpoint for account {AccountId} region {Region} detector {DetectorId}: starting from the lookback window",
                    accountId, region, detectorId);
                return new DetectorCheckpoint(accountId, region, detectorId, isNew: true);
            }

            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("Checkpoint {Path} cannot be read ({Error}); starting region {Region} detector {DetectorId} from the lookback window",
                path, e.Message, region, detectorId);
            return new DetectorCheckpoint(accountId, region, detectorId, isNew: true);
        }

        try
        {
            var file = CheckpointFile.Parse(text);
            if (file.Format != CheckpointFile.CurrentFormat)
                throw new JsonException($"format {file.Format} is not {CheckpointFile.CurrentFormat}");
            if (file.Region != region || file.DetectorId != detectorId)
                throw new JsonException($"it belongs to region {file.Region} detector {file.DetectorId}");
            if (file.CallerAccountId is { } owner && owner != accountId)
                throw new JsonException($"it belongs to account {owner}");
            return FromFile(file, accountId, region, detectorId);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidCastException or FormatException or OverflowException)
        {
            var aside = path + ".corrupt-" + _time.GetUtcNow().ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
            try
            {
                File.Move(path, aside, overwrite: true);
            }
            catch (Exception move) when (move is IOException or UnauthorizedAccessException)
            {
                aside = "(could not be moved aside: " + move.Message + ")";
            }

            _logger.LogError("Checkpoint {Path} is corrupt ({Error}); kept as {Aside}; rebuilding region {Region} detector {DetectorId} from the lookback window",
                path, e.Message, aside, region, detectorId);
            return new DetectorCheckpoint(accountId, region, detectorId, isNew: true);
        }
    }

    /// <summary>Writes the checkpoint atomically. Not cancellable: a save that started finishes.</summary>
    public async Task SaveAsync(DetectorCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var bytes = Encoding.UTF8.GetBytes(ToFile(checkpoint).ToJson());
        Configuration.StateDirectory.Create(Directory);
        var path = PathFor(checkpoint.CallerAccountId, checkpoint.Region, checkpoint.DetectorId);
        var temp = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(bytes).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    private void MigrateLegacyFile(string accountId, string region, string detectorId, string path)
    {
        var legacy = LegacyPathFor(region, detectorId);
        if (File.Exists(path) || !File.Exists(legacy)) return;
        File.Move(legacy, path);
        _logger.LogInformation("Checkpoint {Legacy} of an older release is now {Path} (account {AccountId} joined its key)", legacy, path, accountId);
    }

    private static DetectorCheckpoint FromFile(CheckpointFile file, string accountId, string region, string detectorId)
    {
        var checkpoint = new DetectorCheckpoint(accountId, region, detectorId, isNew: false)
        {
            AccountId = file.AccountId,
            HighWater = file.HighWaterMs,
            ReconcileCursor = file.ReconcileCursor,
        };
        foreach (var (id, at) in file.Recent) checkpoint.Recent[Id(id)] = at;
        if (file.HighWaterMs is { } mark)
            foreach (var id in file.BoundaryIds) checkpoint.Recent[Id(id)] = mark;
        foreach (var (id, retry) in file.Retry)
            checkpoint.Retry[Id(id)] = new RetryEntry(Math.Max(retry.Attempts, 1), retry.Invalid, retry.LastError);
        foreach (var id in file.PendingCreates) checkpoint.PendingCreates.Add(Id(id));
        foreach (var id in file.OpenIncidentFindings) checkpoint.OpenIncidentFindings.Add(Id(id));
        foreach (var (id, fingerprint) in file.CloseRefused) checkpoint.CloseRefused[Id(id)] = fingerprint ?? "";
        return checkpoint;
    }

    private CheckpointFile ToFile(DetectorCheckpoint checkpoint)
    {
        var mark = checkpoint.HighWater;
        return new CheckpointFile
        {
            Format = CheckpointFile.CurrentFormat,
            CallerAccountId = checkpoint.CallerAccountId,
            AccountId = checkpoint.AccountId,
            Region = checkpoint.Region,
            DetectorId = checkpoint.DetectorId,
            HighWaterMs = mark,
            HighWater = mark is { } m ? DateTimeOffset.FromUnixTimeMilliseconds(m).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : null,
            BoundaryIds = checkpoint.BoundaryIds().ToList(),
            Recent = checkpoint.Recent.Where(kv => kv.Value != mark).ToList(),
            Retry = checkpoint.Retry.Select(kv => KeyValuePair.Create(kv.Key, new CheckpointFile.RetryRecord(kv.Value.Attempts, kv.Value.Invalid, kv.Value.LastError))).ToList(),
            PendingCreates = checkpoint.PendingCreates.Order(StringComparer.Ordinal).ToList(),
            OpenIncidentFindings = checkpoint.OpenIncidentFindings.ToList(),
            CloseRefused = checkpoint.CloseRefused.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)).ToList(),
            ReconcileCursor = checkpoint.ReconcileCursor,
            SavedAt = _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        };
    }

    private static string Id(string? id) =>
        string.IsNullOrEmpty(id) ? throw new JsonException("an entry has an empty finding id") : id;

    private static string Safe(string part)
    {
        var builder = new StringBuilder(part.Length);
        foreach (var c in part) builder.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_');
        return builder.ToString();
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind; the next save writes a new temporary file anyway.
        }
    }
}
