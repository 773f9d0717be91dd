namespace Fn.AwsGuardDuty.Findings;

/// <summary>
/// Data table and column API names (guardduty-app.md §3.6, §5.5 and the seed document), part of the
/// compatibility contract. Every table has <see cref="QueryExecutionDate"/>.
/// </summary>
public static class DataTables
{
    public const string QueryExecutionDate = "query_execution_date";

    public static class FindingOverview
    {
        public const string Name = "gd_finding_overview";
        public const string Severity = "severity";
        public const string Region = "region";
        public const string Count = "count";
        public const string AccountId = "account_id";
        public const string ResourceId = "resource_id";
        public const string CreatedAt = "created_at";
        public const string UpdatedAt = "updated_at";

        public static DataTableDefinition Definition { get; } = new(Name, "GuardDuty Finding Overview",
            "4cfac58d-2303-4726-9378-adb0bf4e81cb", Columns(
                (Severity, "Severity"), (Region, "Region"), (Count, "Count"), (AccountId, "Account ID"),
                (ResourceId, "Resource ID"), (CreatedAt, "Created at"), (UpdatedAt, "Updated at"),
                (QueryExecutionDate, "Query Execution date")));
    }

    public static class ActionDetails
    {
        public const string Name = "gd_action_details";
        public const string ActionType = "action_type";
        public const string ActionApi = "action_api";
        public const string Protocol = "protocol";
        public const string EventFirstSeen = "event_first_seen";
        public const string EventLastSeen = "event_last_seen";
        public const string ActorCallerType = "actor_caller_type";
        public const string CityName = "city_name";
        public const string CountryName = "country_name";
        public const string Asn = "asn";
        public const string AsnOrg = "asn_org";
        public const string Isp = "isp";
        public const string Org = "org";
        public const string ServiceName = "service_name";
        public const string ConnectionDirection = "connection_direction";
        public const string DnsDomainName = "dns_domain_name";
        public const string DnsBlocked = "dns_blocked";
        public const string LocalIp = "local_ip";
        public const string RemoteIp = "remote_ip";
        public const string RemotePort = "remote_port";
        public const string LocalPort = "local_port";

        public static DataTableDefinition Definition { get; } = new(Name, "GuardDuty Action/Actor Details",
            "883bd79f-a9e2-4544-b5bd-cf866725d42c", Columns(
                (ActionType, "Action type"), (ActionApi, "Action api"), (Protocol, "Protocol"),
                (EventFirstSeen, "Event first Seen"), (EventLastSeen, "Event Last Seen"),
                (ActorCallerType, "Actor caller type"), (CityName, "City name"), (CountryName, "Country"),
                (Asn, "Asn"), (AsnOrg, "Finding asn org"), (Isp, "Finding isp"), (Org, "Finding org"),
                (ServiceName, "Service name"), (ConnectionDirection, "Connection direction"),
                (DnsDomainName, "DNS domain name"), (DnsBlocked, "DNS request blocked"),
                (LocalIp, "Local IP address"), (RemoteIp, "Remote IP address"), (RemotePort, "Remote port"),
                (LocalPort, "Local port"), (QueryExecutionDate, "Query Execution date")));
    }

    public static class ResourceAffected
    {
        public const string Name = "gd_resource_affected";
        public const string ResourceType = "resource_type";
        public const string ResourceRole = "resource_role";
        public const string InstanceId = "instance_id";
        public const string InstanceType = "instance_type";

        public static DataTableDefinition Definition { get; } = new(Name, "GuardDuty Resource Affected",
            "b2462a6f-8b07-4702-8943-e0df9213c349", Columns(
                (ResourceType, "Resource type"), (ResourceRole, "Resource role"), (InstanceId, "Instance ID"),
                (InstanceType, "Instance type"), (QueryExecutionDate, "Query execution date")));
    }

    public static class S3BucketDetails
    {
        public const string Name = "gd_s3_bucket_details";
        public const string BucketName = "bucket_name";
        public const string BucketType = "bucket_type";
        public const string BucketArn = "bucket_arn";
        public const string BucketOwner = "bucket_owner";
        public const string KmsMasterKeyArn = "kms_master_key_arn";
        public const string EncryptionType = "encryption_type";
        public const string EffectivePermissions = "effective_permissions";

        public static DataTableDefinition Definition { get; } = new(Name, "GuardDuty Resource - S3 Bucket Details",
            "c71024b5-5f5a-470e-b020-7d4b22db5e83", Columns(
                (BucketName, "Bucket name"), (BucketType, "Bucket Type"), (BucketArn, "Bucket Arn"),
                (BucketOwner, "Bucket owner"), (KmsMasterKeyArn, "Kms master key ARN"),
                (EncryptionType, "Encryption type"), (EffectivePermissions, "Effective Permission"),
                (QueryExecutionDate, "Query execution date")));
    }

    public static class InstanceDetails
    {
        public const string Name = "gd_instance_details";
        public const string InstanceId = "instance_id";
        public const string Type = "type";
        public const string InstanceState = "instance_state";
        public const string PrivateIp = "private_ip";
        public const string PrivateDnsName = "private_dns_name";
        public const string PublicIp = "public_ip";
        public const string PublicDnsName = "public_dns_name";

        public static DataTableDefinition Definition { get; } = new(Name, "GuardDuty Resource - Instance Details",
            null, Columns(
                (InstanceId, "ID"), (Type, "Type"), (InstanceState, "State"), (PrivateIp, "Private ip address"),
                (PrivateDnsName, "Private dns name"), (PublicIp, "Public ip address"),
                (PublicDnsName, "Public dns name"), (QueryExecutionDate, "Query execution date")));
    }

    public static class AccessKeyDetails
    {
        public const string Name = "gd_access_key_details";
        public const string AccessKeyId = "access_key_id";
        public const string PrincipalId = "principal_id";
        public const string UserType = "user_type";
        public const string UserName = "user_name";

        public static DataTableDefinition Definition { get; } = new(Name, "GuardDuty Resource - Access Key Details",
            "9c33b5ca-a3fa-4d8d-8609-e337373279f4", Columns(
                (AccessKeyId, "Access key ID"), (PrincipalId, "Principal ID"), (UserType, "User type"),
                (UserName, "User name"), (QueryExecutionDate, "Query Execution date")));
    }

    /// <summary>
    /// gd_sequence_signals (extensions.md §A): one row per signal of an attack sequence. <see cref="IncidentId"/> is
    /// the SOAR incident of the signal's own finding, filled by linking, never by the mapper.
    /// </summary>
    public static class SequenceSignals
    {
        public const string Name = "gd_sequence_signals";
        public const string SignalUid = "signal_uid";
        public const string SignalName = "signal_name";
        public const string SignalType = "signal_type";
        public const string SignalDescription = "signal_description";
        public const string Severity = "severity";
        public const string Count = "count";
        public const string FirstSeen = "first_seen";
        public const string LastSeen = "last_seen";
        public const string ResourceUids = "resource_uids";
        public const string ActorIds = "actor_ids";
        public const string EndpointIds = "endpoint_ids";
        public const string IncidentId = "incident_id";

        public static DataTableDefinition Definition { get; } = new(Name, "GuardDuty Attack Sequence Signals",
            "a439cc01-3202-4325-86ac-68e83fe939d6", Columns(
                (SignalUid, "Signal UID"), (SignalName, "Signal name"), (SignalType, "Signal type"),
                (SignalDescription, "Signal description"), (Severity, "Severity"), (Count, "Count"),
                (FirstSeen, "First seen"), (LastSeen, "Last seen"), (ResourceUids, "Resource UIDs"),
                (ActorIds, "Actor IDs"), (EndpointIds, "Endpoint IDs"), (IncidentId, "Incident ID"),
                (QueryExecutionDate, "Query execution date")));
    }

    /// <summary>gd_sequence_indicators (extensions.md §A): one row per indicator of an attack sequence.</summary>
    public static class SequenceIndicators
    {
        public const string Name = "gd_sequence_indicators";
        public const string IndicatorKey = "indicator_key";
        public const string IndicatorTitle = "indicator_title";
        public const string IndicatorValues = "indicator_values";

        public static DataTableDefinition Definition { get; } = new(Name, "GuardDuty Attack Sequence Indicators",
            "65699bad-7f3b-4285-9636-d55f20326e0d", Columns(
                (IndicatorKey, "Indicator key"), (IndicatorTitle, "Indicator title"), (IndicatorValues, "Indicator values"),
                (QueryExecutionDate, "Query execution date")));
    }

    /// <summary>The reference's six tables in the order it builds and returns them, then the two attack-sequence tables.</summary>
    public static IReadOnlyList<DataTableDefinition> All { get; } = Array.AsReadOnly(new[]
    {
        FindingOverview.Definition, ActionDetails.Definition, ResourceAffected.Definition,
        S3BucketDetails.Definition, InstanceDetails.Definition, AccessKeyDetails.Definition,
        SequenceSignals.Definition, SequenceIndicators.Definition,
    });

    private static IReadOnlyList<DataTableColumn> Columns(params (string Name, string Label)[] columns) =>
        Array.AsReadOnly(columns.Select(c => new DataTableColumn(c.Name, c.Label)).ToArray());
}
