using Newtonsoft.Json;

namespace Fn.AwsGuardDuty.Poller;

/// <summary>The JSON shape of one checkpoint file (snake_case, as the rest of app.config's world).</summary>
internal sealed class CheckpointFile
{
    public const int CurrentFormat = 1;

    [JsonProperty("format")]
    public int Format { get; set; }

    /// <summary>The account of the credentials: the first part of the file's key. Absent in files of older releases.</summary>
    [JsonProperty("caller_account_id")]
    public string? CallerAccountId { get; set; }

    [JsonProperty("account_id")]
    public string? AccountId { get; set; }

    [JsonProperty("region")]
    public string? Region { get; set; }

    [JsonProperty("detector_id")]
    public string? DetectorId { get; set; }

    /// <summary>The updatedAt high-water mark, epoch milliseconds.</summary>
    [JsonProperty("high_water_ms")]
    public long? HighWaterMs { get; set; }

    /// <summary>The same mark as ISO-8601, for people reading the file.</summary>
    [JsonProperty("high_water")]
    public string? HighWater { get; set; }

    /// <summary>Finding ids handled at exactly the mark's millisecond.</summary>
    [JsonProperty("boundary_ids")]
    public List<string>? BoundaryIds { get; set; }

    /// <summary>Other findings handled near or above the mark: id → updatedAt (epoch ms).</summary>
    [JsonProperty("recent")]
    public Dictionary<string, long>? Recent { get; set; }

    [JsonProperty("retry")]
    public Dictionary<string, RetryRecord>? Retry { get; set; }

    [JsonProperty("pending_creates")]
    public List<string>? PendingCreates { get; set; }

    [JsonProperty("open_incident_findings")]
    public List<string>? OpenIncidentFindings { get; set; }

    /// <summary>Finding id → fingerprint of the close template SOAR refused for required fields.</summary>
    [JsonProperty("close_refused")]
    public Dictionary<string, string>? CloseRefused { get; set; }

    [JsonProperty("reconcile_cursor")]
    public string? ReconcileCursor { get; set; }

    [JsonProperty("saved_at")]
    public string? SavedAt { get; set; }

    internal sealed class RetryRecord
    {
        [JsonProperty("attempts")]
        public int Attempts { get; set; }

        [JsonProperty("invalid")]
        public bool Invalid { get; set; }

        [JsonProperty("last_error")]
        public string? LastError { get; set; }
    }
}
