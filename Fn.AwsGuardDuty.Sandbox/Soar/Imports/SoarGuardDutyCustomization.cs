using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Sandbox.Soar.Imports;

/// <summary>
/// A format-2 export holding the GuardDuty app's SOAR objects as guardduty-app.md §5 lists them (names and uuids from
/// the spec): destination fn_aws_gd, the archive and refresh functions and their inputs, the 11 incident fields, the 6
/// data tables, the 3 artifact types, and the two automatic playbooks (archive on close, refresh on trigger).
/// Written from the spec on the server's side; the app's own export.res is checked against the emulator, not copied here.
/// </summary>
public static class SoarGuardDutyCustomization
{
    public const string Destination = "fn_aws_gd";
    public const string ArchiveFunction = "func_aws_guardduty_archive_finding";
    public const string RefreshFunction = "func_aws_guardduty_refresh_finding";
    public const string ArchivePlaybook = "example_aws_guardduty_archive_finding_pb";
    public const string UpdatePlaybook = "example_aws_guardduty_update_finding_details_pb";

    private const string ArchiveUuid = "ee7aaede-3fd1-46d5-bd05-4bd6062f67e3";
    private const string RefreshUuid = "2d1446f8-13fc-4400-af6a-c96b55d9a0df";

    private static readonly (string Name, string Input, string Uuid)[] Inputs =
    [
        ("aws_gd_region", "text", "9af24b4c-9409-43ec-8c72-ea86f04fbc25"),
        ("aws_gd_detector_id", "text", "9fa35803-ee7e-42cd-bb0b-d1dcefdbd341"),
        ("aws_gd_finding_id", "text", "a90b292d-a1c4-45b0-96f0-20ff45818655"),
        ("incident_id", "number", "60757a36-6f7f-4983-a1fe-5c0416763b9c"),
    ];

    private static readonly (string Name, string Label, string Input, string Uuid)[] IncidentFields =
    [
        ("aws_guardduty_finding_id", "AWS GuardDuty Finding Id", "text", "e380c315-601d-4052-90b5-78efe75d7eab"),
        ("aws_guardduty_finding_arn", "AWS GuardDuty Finding Arn", "text", "f1c8fa20-ffc3-4942-98bb-1d84fdc92f32"),
        ("aws_guardduty_finding_type", "AWS GuardDuty Finding Type", "text", "6fc421a3-c414-48de-9d39-bb833b777d00"),
        ("aws_guardduty_finding_updated_at", "AWS GuardDuty Resource Updated At", "text", "63d7c51c-ab4d-417e-9173-6d366d05f6d5"),
        ("aws_guardduty_region", "AWS GuardDuty Region", "text", "a5789c35-3e6f-4229-a671-2fe7ba6f3457"),
        ("aws_guardduty_severity", "AWS GuardDuty Severity", "text", "9b26f0fc-bfca-467b-8c21-be0edc22768d"),
        ("aws_guardduty_resource_type", "AWS GuardDuty Resource Type", "text", "251c8f2a-9a9d-4b0e-b9a2-ed15e022754c"),
        ("aws_guardduty_detector_id", "AWS GuardDuty Detector Id", "text", "5e191046-c9ce-4e74-b5be-f7277f93792b"),
        ("aws_guardduty_count", "AWS GuardDuty Count", "text", "a64d69ca-fb01-4bc1-a102-2ceea30b6b6b"),
        ("aws_guardduty_archived", "AWS GuardDuty Archived", "text", "6d5742bd-1e74-47c3-b20f-0a786a9fcfa3"),
        ("aws_guardduty_trigger_refresh", "AWS GuardDuty Trigger Refresh", "boolean", "766a53c2-6684-44bb-9808-2cc774c56747"),
    ];

    private static readonly (string Name, string Display, string Uuid, string[] Columns)[] Tables =
    [
        ("gd_finding_overview", "GuardDuty Finding Overview", "4cfac58d-2303-4726-9378-adb0bf4e81cb",
            ["query_execution_date", "severity", "region", "count", "account_id", "resource_id", "created_at", "updated_at"]),
        ("gd_action_details", "GuardDuty Action/Actor Details", "883bd79f-a9e2-4544-b5bd-cf866725d42c",
            ["query_execution_date", "action_type", "action_api", "connection_direction", "service_name", "protocol", "event_first_seen",
             "actor_caller_type", "remote_ip", "local_ip", "local_port", "remote_port", "dns_domain_name", "city_name", "dns_blocked",
             "asn_org", "country_name", "asn", "isp", "org", "event_last_seen"]),
        ("gd_resource_affected", "GuardDuty Resource Affected", "b2462a6f-8b07-4702-8943-e0df9213c349",
            ["query_execution_date", "resource_type", "resource_role", "instance_id", "instance_type"]),
        ("gd_s3_bucket_details", "GuardDuty Resource - S3 Bucket Details", "c71024b5-5f5a-470e-b020-7d4b22db5e83",
            ["query_execution_date", "bucket_name", "bucket_type", "bucket_arn", "bucket_owner", "kms_master_key_arn", "encryption_type", "effective_permissions"]),
        ("gd_instance_details", "GuardDuty Resource - Instance Details", "5d0c7c77-3f0e-4a8e-9d0e-6a3c1f5b2e10",
            ["query_execution_date", "instance_id", "type", "instance_state", "private_ip", "private_dns_name", "public_ip", "public_dns_name"]),
        ("gd_access_key_details", "GuardDuty Resource - Access Key Details", "9c33b5ca-a3fa-4d8d-8609-e337373279f4",
            ["query_execution_date", "access_key_id", "principal_id", "user_type", "user_name"]),
    ];

    private static readonly (string Name, string Display, string Description, string Uuid)[] ArtifactTypes =
    [
        ("aws_iam_access_key_id", "AWS IAM Access Key ID", "Amazon Web Services (AWS) IAM access key id.", "a33a1971-162c-4417-b344-8708f9d25644"),
        ("aws_iam_user_name", "AWS IAM User Name", "Amazon Web Services (AWS) IAM user name.", "3a0a5309-ba33-47cb-92df-c8a506f87317"),
        ("aws_s3_bucket_name", "AWS S3 Bucket Name", "Amazon Web Services (AWS) S3 bucket name.", "b98bbc83-39be-4379-aa1e-2a38b7053560"),
    ];

    /// <summary>A fresh copy of the export (callers may change it, e.g. to build invalid imports in tests).</summary>
    public static JObject BuildExport() => new()
    {
        ["export_format_version"] = 2,
        ["export_date"] = 1_720_000_000_000L,
        ["id"] = 1,
        ["server_version"] = new JObject { ["major"] = 51, ["minor"] = 0, ["build_number"] = 8000, ["version"] = "51.0.8.0" },
        ["actions"] = new JArray(),
        ["workflows"] = new JArray(),
        ["scripts"] = new JArray(),
        ["message_destinations"] = new JArray(new JObject
        {
            ["name"] = Destination,
            ["programmatic_name"] = Destination,
            ["export_key"] = Destination,
            ["destination_type"] = 0,
            ["expect_ack"] = true,
            ["users"] = new JArray(),
            ["api_keys"] = new JArray(),
            ["tags"] = new JArray(),
            ["uuid"] = "982c1bc0-69a7-4dc6-bee7-508470d51ee5",
        }),
        ["fields"] = new JArray(
            Inputs.Select(i => Field("__function", i.Name, i.Name, i.Input, i.Uuid, null, 11))
                .Concat(IncidentFields.Select(f => Field("incident", f.Name, f.Label, f.Input, f.Uuid, "properties", 0)))),
        ["functions"] = new JArray(
            Function(ArchiveFunction, "AWS GuardDuty: Archive finding", ArchiveUuid, Inputs.Take(3)),
            Function(RefreshFunction, "AWS GuardDuty: Refresh Finding", RefreshUuid, Inputs)),
        ["types"] = new JArray(Tables.Select(Table)),
        ["incident_artifact_types"] = new JArray(ArtifactTypes.Select(a => new JObject
        {
            ["programmatic_name"] = a.Name,
            ["export_key"] = a.Name,
            ["name"] = a.Display,
            ["desc"] = a.Description,
            ["uuid"] = a.Uuid,
            ["enabled"] = true,
            ["system"] = false,
            ["file"] = false,
            ["multi_aware"] = false,
            ["parse_as_csv"] = false,
            ["reg_exp"] = null,
            ["use_for_relationships"] = true,
            ["default_scan_option"] = "unsupported",
        })),
        ["playbooks"] = new JArray(
            Playbook(ArchivePlaybook, "AWS GuardDuty: Archive Finding (PB)", "b8d4c3a2-7a4e-4a55-9f07-0c1a1d2e3f41", ArchiveUuid, "Archive Finding Post Script",
                "4c3b2a1f-5e6d-4c7b-8a9f-0e1d2c3b4a51",
                "content = playbook.functions.results.output.content\nif content and content.get('status') == 'ok':\n    incident.properties.aws_guardduty_archived = 'True'\n",
                [
                    Condition("incident.plan_status", "changed_to", "Closed"),
                    Condition("incident.properties.aws_guardduty_archived", "not_equals", "True"),
                    Condition("incident.properties.aws_guardduty_detector_id", "has_a_value", null),
                    Condition("incident.properties.aws_guardduty_finding_id", "has_a_value", null),
                    Condition("incident.properties.aws_guardduty_region", "has_a_value", null),
                ]),
            Playbook(UpdatePlaybook, "AWS GuardDuty: Update Finding Details (PB)", "c9e5d4b3-8b5f-4b66-a018-1d2b2e3f4a52", RefreshUuid, "Update Finding Details Post Script",
                "5d4c3b2a-6f7e-4d8c-9bab-1f2e3d4c5b62",
                "payload = (playbook.functions.results.output.content or {}).get('payload') or {}\nfor key, value in (payload.get('properties') or {}).items():\n    setattr(incident.properties, key, value)\n",
                [
                    Condition("incident.properties.aws_guardduty_detector_id", "has_a_value", null),
                    Condition("incident.properties.aws_guardduty_finding_id", "has_a_value", null),
                    Condition("incident.properties.aws_guardduty_region", "has_a_value", null),
                    Condition("incident.properties.aws_guardduty_trigger_refresh", "changed", null),
                    Condition("incident.properties.aws_guardduty_trigger_refresh", "equals", true),
                ])),
    };

    private static JObject Field(string type, string name, string label, string input, string uuid, string? prefix, int typeId) => new()
    {
        ["export_key"] = $"{type}/{name}",
        ["name"] = name,
        ["text"] = label,
        ["input_type"] = input,
        ["prefix"] = prefix,
        ["type_id"] = typeId,
        ["uuid"] = uuid,
        ["read_only"] = false,
        ["changeable"] = true,
        ["internal"] = false,
        ["required"] = null,
        ["tooltip"] = label,
        ["values"] = new JArray(),
        ["operation_perms"] = new JObject(),
    };

    private static JObject Function(string name, string display, string uuid, IEnumerable<(string Name, string Input, string Uuid)> inputs) => new()
    {
        ["name"] = name,
        ["export_key"] = name,
        ["display_name"] = display,
        ["uuid"] = uuid,
        ["destination_handle"] = Destination,
        ["description"] = new JObject { ["format"] = "text", ["content"] = display },
        ["output_description"] = new JObject { ["format"] = "text", ["content"] = null },
        ["version"] = 1,
        ["tags"] = new JArray(),
        ["workflows"] = new JArray(),
        ["view_items"] = new JArray(inputs.Select(i => new JObject
        {
            ["element"] = "field_uuid",
            ["field_type"] = "__function",
            ["content"] = i.Uuid,
            ["show_if"] = null,
            ["show_link_header"] = false,
            ["step_label"] = null,
        })),
    };

    private static JObject Table((string Name, string Display, string Uuid, string[] Columns) table) => new()
    {
        ["type_id"] = 8,
        ["type_name"] = table.Name,
        ["export_key"] = table.Name,
        ["display_name"] = table.Display,
        ["uuid"] = table.Uuid,
        ["parent_types"] = new JArray("incident"),
        ["fields"] = new JObject(table.Columns.Select((c, i) => new JProperty(c, new JObject
        {
            ["export_key"] = $"{table.Name}/{c}",
            ["name"] = c,
            ["text"] = c.Replace('_', ' '),
            ["input_type"] = "text",
            ["order"] = i,
            ["width"] = 100,
            ["uuid"] = DeterministicUuid(table.Name + "/" + c),
        }))),
    };

    private static JObject Condition(string field, string method, object? value) => new()
    {
        ["field_name"] = field,
        ["method"] = method,
        ["type"] = null,
        ["value"] = value is null ? JValue.CreateNull() : JToken.FromObject(value),
    };

    private static JObject Playbook(string name, string display, string uuid, string functionUuid, string scriptName, string scriptUuid, string scriptText, JObject[] conditions)
    {
        var deployment = "playbook_" + uuid.Replace('-', '_');
        var xml =
            $$"""<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:resilient="http://resilient.ibm.com/bpmn" targetNamespace="http://www.camunda.org/test"><process id="{{deployment}}" isExecutable="true"><startEvent id="StartEvent_155asxm"/><serviceTask id="ServiceTask_1" resilient:type="function"><extensionElements><resilient:function uuid="{{functionUuid}}">{"inputs":{},"pre_processing_script":"inputs.aws_gd_region = incident.properties.aws_guardduty_region","pre_processing_script_language":"python3","result_name":"output"}</resilient:function></extensionElements></serviceTask><scriptTask id="ScriptTask_1"><extensionElements><resilient:script uuid="{{scriptUuid}}"/></extensionElements></scriptTask><endEvent id="EndPoint_1"/></process></definitions>""";
        return new JObject
        {
            ["name"] = name,
            ["export_key"] = name,
            ["display_name"] = display,
            ["uuid"] = uuid,
            ["version"] = 1,
            ["status"] = "enabled",
            ["type"] = "default",
            ["object_type"] = "incident",
            ["activation_type"] = "automatic",
            ["activation_details"] = new JObject
            {
                ["activation_conditions"] = new JObject { ["conditions"] = new JArray(conditions.Cast<object>().ToArray()), ["logic_type"] = "all" },
            },
            ["content"] = new JObject { ["content_version"] = 1, ["xml"] = xml },
            ["deployment_id"] = deployment,
            ["field_type_handle"] = deployment,
            ["fields_type"] = new JObject
            {
                ["type_id"] = 28,
                ["type_name"] = deployment,
                ["parent_types"] = new JArray("__playbook"),
                ["fields"] = new JObject(),
            },
            ["local_scripts"] = new JArray(new JObject
            {
                ["name"] = scriptName,
                ["export_key"] = scriptName,
                ["programmatic_name"] = name + "_" + scriptName.ToLowerInvariant().Replace(' ', '_'),
                ["language"] = "python3",
                ["object_type"] = "incident",
                ["playbook_handle"] = name,
                ["script_text"] = scriptText,
                ["enabled"] = false,
                ["uuid"] = scriptUuid,
            }),
            ["tag"] = new JObject { ["name"] = deployment, ["type"] = "playbook" },
            ["description"] = new JObject { ["format"] = "text", ["content"] = display },
            ["has_logical_errors"] = false,
            ["is_deleted"] = false,
            ["is_locked"] = false,
        };
    }

    private static string DeterministicUuid(string text)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
