using Fn.AwsGuardDuty.Findings;

namespace Fn.AwsGuardDuty.Tests.Findings;

/// <summary>The public names are the compatibility contract (guardduty-app.md §3.3-§3.6, §5.4-§5.6).</summary>
public class ContractConstantsTests
{
    [Test]
    public void The_six_tables_and_their_columns_are_the_specs()
    {
        DataTables.All.ToDictionary(t => t.Name, t => t.Columns.Select(c => c.Name).OrderBy(c => c, StringComparer.Ordinal).ToArray())
            .Should().BeEquivalentTo(new Dictionary<string, string[]>
            {
                ["gd_finding_overview"] = ["account_id", "count", "created_at", "query_execution_date", "region", "resource_id", "severity", "updated_at"],
                ["gd_action_details"] = ["action_api", "action_type", "actor_caller_type", "asn", "asn_org", "city_name",
                    "connection_direction", "country_name", "dns_blocked", "dns_domain_name", "event_first_seen", "event_last_seen",
                    "isp", "local_ip", "local_port", "org", "protocol", "query_execution_date", "remote_ip", "remote_port", "service_name"],
                ["gd_resource_affected"] = ["instance_id", "instance_type", "query_execution_date", "resource_role", "resource_type"],
                ["gd_s3_bucket_details"] = ["bucket_arn", "bucket_name", "bucket_owner", "bucket_type", "effective_permissions",
                    "encryption_type", "kms_master_key_arn", "query_execution_date"],
                ["gd_instance_details"] = ["instance_id", "instance_state", "private_dns_name", "private_ip", "public_dns_name",
                    "public_ip", "query_execution_date", "type"],
                ["gd_access_key_details"] = ["access_key_id", "principal_id", "query_execution_date", "user_name", "user_type"],
                ["gd_sequence_signals"] = ["actor_ids", "count", "endpoint_ids", "first_seen", "incident_id", "last_seen",
                    "query_execution_date", "resource_uids", "severity", "signal_description", "signal_name", "signal_type", "signal_uid"],
                ["gd_sequence_indicators"] = ["indicator_key", "indicator_title", "indicator_values", "query_execution_date"],
            }, o => o.WithStrictOrdering());
        DataTables.All.Select(t => t.Name).Should().Equal("gd_finding_overview", "gd_action_details", "gd_resource_affected",
            "gd_s3_bucket_details", "gd_instance_details", "gd_access_key_details", "gd_sequence_signals", "gd_sequence_indicators");
        // extensions.md §A: the display names and the column order it lists.
        DataTables.SequenceSignals.Definition.DisplayName.Should().Be("GuardDuty Attack Sequence Signals");
        DataTables.SequenceIndicators.Definition.DisplayName.Should().Be("GuardDuty Attack Sequence Indicators");
        DataTables.SequenceSignals.Definition.Columns.Select(c => c.Name).Should().Equal("signal_uid", "signal_name", "signal_type",
            "signal_description", "severity", "count", "first_seen", "last_seen", "resource_uids", "actor_ids", "endpoint_ids",
            "incident_id", "query_execution_date");
        DataTables.SequenceIndicators.Definition.Columns.Select(c => c.Name).Should().Equal("indicator_key", "indicator_title",
            "indicator_values", "query_execution_date");
        DataTables.All.Select(t => t.Uuid).Where(u => u is not null).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Incident_fields_are_the_specs_with_the_refresh_trigger_last()
    {
        IncidentFields.Mapped.Select(f => f.Name).Should().Equal("aws_guardduty_finding_id", "aws_guardduty_finding_arn",
            "aws_guardduty_finding_type", "aws_guardduty_finding_updated_at", "aws_guardduty_region", "aws_guardduty_severity",
            "aws_guardduty_resource_type", "aws_guardduty_detector_id", "aws_guardduty_count", "aws_guardduty_archived",
            "aws_guardduty_account_id");
        IncidentFields.Mapped.Last().Should().Match<IncidentFieldDefinition>(f =>
            f.InputType == "text" && f.SourcePath.SequenceEqual(new[] { "AccountId" }));
        IncidentFields.All.Last().Should().Match<IncidentFieldDefinition>(f =>
            f.Name == "aws_guardduty_trigger_refresh" && f.InputType == "boolean" && f.Uuid == "766a53c2-6684-44bb-9808-2cc774c56747");
        IncidentFields.All.Select(f => f.Uuid).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void Artifact_types_resolve_from_api_or_display_names()
    {
        ArtifactTypes.All.Select(t => t.ApiName).Should().Equal(
            "aws_iam_access_key_id", "aws_iam_user_name", "aws_s3_bucket_name", "IP Address", "DNS Name", "Port", "User Account");
        ArtifactTypes.Find("user account").Should().BeSameAs(ArtifactTypes.UserAccountType);
        ArtifactTypes.Custom.Select(t => t.DisplayName).Should().Equal("AWS IAM Access Key ID", "AWS IAM User Name", "AWS S3 Bucket Name");
        ArtifactTypes.Find("AWS S3 Bucket Name").Should().BeSameAs(ArtifactTypes.S3BucketNameType);
        ArtifactTypes.Find("aws_iam_user_name").Should().BeSameAs(ArtifactTypes.UserNameType);
        ArtifactTypes.Find("dns name").Should().BeSameAs(ArtifactTypes.DnsNameType);
        ArtifactTypes.Find("12").Should().BeNull();
        ArtifactTypes.Find(null).Should().BeNull();
    }
}
