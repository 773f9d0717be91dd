using System.Xml.Linq;
using Fn.AwsGuardDuty.Findings;
using Fn.AwsGuardDuty.Functions;
using Fn.AwsGuardDuty.Sandbox.Customization;
using Newtonsoft.Json.Linq;

namespace Fn.AwsGuardDuty.Tests.Customization;

/// <summary>What the generated export holds (guardduty-app.md §5 and new-functions.md), and nothing it does not need.</summary>
public class ExportContentTests
{
    private JObject _export = null!;
    private RepositoryLayout _repository = null!;

    [OneTimeSetUp]
    public void Generate()
    {
        _repository = RepositoryLayout.Locate(TestContext.CurrentContext.TestDirectory);
        _export = GuardDutyExport.Build(_repository);
    }

    private IEnumerable<JObject> List(string name) => _export[name]!.OfType<JObject>();

    private Dictionary<string, JObject> FieldsByUuid() => List("fields").ToDictionary(f => f["uuid"]!.Value<string>()!);

    [Test]
    public void Top_level_is_a_format_2_export_with_the_reference_keys_in_order()
    {
        _export.Properties().Select(p => p.Name).Should().Equal(
            "action_order", "actions", "apps", "automatic_tasks", "case_matching_profiles", "export_date", "export_format_version", "export_type",
            "fields", "functions", "geos", "groups", "id", "inbound_destinations", "inbound_mailboxes", "incident_artifact_types", "incident_types",
            "layouts", "locale", "message_destinations", "notifications", "overrides", "phases", "playbooks", "regulators", "roles", "scripts",
            "server_version", "tags", "task_order", "timeframes", "types", "workflows", "workspaces");
        _export["export_format_version"]!.Value<int>().Should().Be(2);
        _export["actions"]!.Should().BeEmpty();
        _export["workflows"]!.Should().BeEmpty();
        _export["scripts"]!.Should().BeEmpty("every script is a playbook's local script");
    }

    [Test]
    public void The_only_destination_is_fn_aws_gd_with_the_reference_uuid()
    {
        var destination = List("message_destinations").Should().ContainSingle().Subject;
        destination["programmatic_name"]!.Value<string>().Should().Be("fn_aws_gd");
        destination["uuid"]!.Value<string>().Should().Be("982c1bc0-69a7-4dc6-bee7-508470d51ee5");
        destination["expect_ack"]!.Value<bool>().Should().BeTrue();
    }

    [TestCase("func_aws_guardduty_archive_finding", "ee7aaede-3fd1-46d5-bd05-4bd6062f67e3", "aws_gd_region,aws_gd_detector_id,aws_gd_finding_id")]
    [TestCase("func_aws_guardduty_refresh_finding", "2d1446f8-13fc-4400-af6a-c96b55d9a0df", "aws_gd_region,aws_gd_detector_id,aws_gd_finding_id,incident_id")]
    [TestCase("aws_guardduty_create_ipset", null, "aws_gd_format,aws_gd_name,aws_gd_detector_id,aws_gd_region,aws_gd_activate,aws_gd_location,aws_gd_client_token,aws_gd_tags,aws_gd_bucket_owner")]
    [TestCase("aws_guardduty_list_ipset", null, "aws_gd_detector_id,aws_gd_region,aws_gd_max_results,aws_gd_next_token")]
    [TestCase("aws_guardduty_get_ipset", null, "aws_gd_ip_set_id,aws_gd_detector_id,aws_gd_region")]
    [TestCase("aws_guardduty_update_ipset", null, "aws_gd_detector_id,aws_gd_region,aws_gd_ip_set_id,aws_gd_new_name,aws_gd_new_location,aws_gd_new_activate,aws_gd_bucket_owner")]
    [TestCase("aws_guardduty_delete_ipset", null, "aws_gd_ip_set_id,aws_gd_detector_id,aws_gd_region")]
    [TestCase("aws_guardduty_create_threatintelset", null, "aws_gd_format,aws_gd_name,aws_gd_detector_id,aws_gd_region,aws_gd_activate,aws_gd_location,aws_gd_client_token,aws_gd_tags")]
    [TestCase("aws_guardduty_list_threatintelset", null, "aws_gd_detector_id,aws_gd_region,aws_gd_max_results,aws_gd_next_token")]
    [TestCase("aws_guardduty_get_threatintelset", null, "aws_gd_threat_intel_set_id,aws_gd_detector_id,aws_gd_region")]
    [TestCase("aws_guardduty_update_threatintelset", null, "aws_gd_detector_id,aws_gd_region,aws_gd_threat_intel_set_id,aws_gd_new_name,aws_gd_new_location,aws_gd_new_activate")]
    [TestCase("aws_guardduty_delete_threatintelset", null, "aws_gd_threat_intel_set_id,aws_gd_detector_id,aws_gd_region")]
    [TestCase("aws_guardduty_unarchive_finding", null, "aws_gd_finding_id,aws_gd_detector_id,aws_gd_region")]
    [TestCase("aws_guardduty_update_findings_feedback", null, "aws_gd_finding_id,aws_gd_detector_id,aws_gd_region,aws_gd_feedback,aws_gd_comments")]
    [TestCase("aws_guardduty_get_findings", null, "aws_gd_finding_ids,aws_gd_detector_id,aws_gd_region")]
    [TestCase("aws_guardduty_list_findings", null, "aws_gd_detector_id,aws_gd_region,aws_gd_severity_threshold,aws_gd_finding_types,aws_gd_updated_since,aws_gd_archived,aws_gd_max_results,aws_gd_next_token")]
    [TestCase("aws_guardduty_create_sample_findings", null, "aws_gd_detector_id,aws_gd_region,aws_gd_finding_types")]
    public void Each_function_has_its_inputs_in_order_on_fn_aws_gd(string name, string? uuid, string inputs)
    {
        var function = List("functions").Single(f => f["name"]!.Value<string>() == name);
        function["destination_handle"]!.Value<string>().Should().Be("fn_aws_gd");
        function["display_name"]!.Value<string>().Should().StartWith("AWS GuardDuty: ");
        if (uuid is not null)
            function["uuid"]!.Value<string>().Should().Be(uuid);
        var fields = FieldsByUuid();
        function["view_items"]!.Select(v => fields[v["content"]!.Value<string>()!]["name"]!.Value<string>()).Should().Equal(inputs.Split(','));
        function["view_items"]!.Should().OnlyContain(v => v["field_type"]!.Value<string>() == "__function");
    }

    [Test]
    public void There_is_one_function_per_app_function_name_and_every_input_field_is_used()
    {
        List("functions").Select(f => f["name"]!.Value<string>()).Should().Equal(FunctionNames.All);
        var used = List("functions").SelectMany(f => f["view_items"]!.Select(v => v["content"]!.Value<string>())).ToHashSet();
        List("fields").Where(f => f["type_id"]!.Value<int>() == 11).Should().OnlyContain(f => used.Contains(f["uuid"]!.Value<string>()))
            .And.OnlyContain(f => f["export_key"]!.Value<string>() == "__function/" + f["name"]!.Value<string>() && f["prefix"]!.Type == JTokenType.Null);
    }

    [Test]
    public void Reference_input_uuids_and_the_feedback_select_are_kept()
    {
        var byName = List("fields").Where(f => f["type_id"]!.Value<int>() == 11).ToDictionary(f => f["name"]!.Value<string>()!);
        byName["aws_gd_region"]["uuid"]!.Value<string>().Should().Be("9af24b4c-9409-43ec-8c72-ea86f04fbc25");
        byName["aws_gd_detector_id"]["uuid"]!.Value<string>().Should().Be("9fa35803-ee7e-42cd-bb0b-d1dcefdbd341");
        byName["aws_gd_finding_id"]["uuid"]!.Value<string>().Should().Be("a90b292d-a1c4-45b0-96f0-20ff45818655");
        byName["incident_id"]["uuid"]!.Value<string>().Should().Be("60757a36-6f7f-4983-a1fe-5c0416763b9c");
        byName["incident_id"]["input_type"]!.Value<string>().Should().Be("number");
        byName["aws_gd_feedback"]["input_type"]!.Value<string>().Should().Be("select");
        byName["aws_gd_feedback"]["values"]!.Select(v => v["label"]!.Value<string>()).Should().Equal("USEFUL", "NOT_USEFUL");
        byName["aws_gd_updated_since"]["input_type"]!.Value<string>().Should().Be("datetimepicker");
        byName["aws_gd_archived"]["input_type"]!.Value<string>().Should().Be("boolean");
    }

    [Test]
    public void The_incident_fields_come_from_the_mapper_contract()
    {
        var incidentFields = List("fields").Where(f => f["export_key"]!.Value<string>()!.StartsWith("incident/aws_guardduty_", StringComparison.Ordinal)).ToList();
        incidentFields.Select(f => (f["name"]!.Value<string>(), f["uuid"]!.Value<string>(), f["input_type"]!.Value<string>(), f["text"]!.Value<string>()))
            .Should().BeEquivalentTo(IncidentFields.All.Select(f => (f.Name, f.Uuid, f.InputType, f.Label)));
        incidentFields.Should().OnlyContain(f => f["prefix"]!.Value<string>() == "properties" && f["type_id"]!.Value<int>() == 0);
        incidentFields.Single(f => f["name"]!.Value<string>() == IncidentFields.TriggerRefresh)["input_type"]!.Value<string>().Should().Be("boolean");
        var account = incidentFields.Single(f => f["name"]!.Value<string>() == "aws_guardduty_account_id");
        account["input_type"]!.Value<string>().Should().Be("text");
        account["export_key"]!.Value<string>().Should().Be("incident/aws_guardduty_account_id");
    }

    [Test]
    public void The_incident_tab_shows_the_account_and_every_table_sequence_tables_first()
    {
        var tab = List("layouts").Should().ContainSingle().Subject;
        tab["object_type"]!.Value<string>().Should().Be("incident");
        tab["name"]!.Value<string>().Should().Be("AWS GuardDuty");
        var content = tab["content"]!.OfType<JObject>().ToList();

        var tables = content.Where(e => e["element"]!.Value<string>() == "datatable").Select(e => e["content"]!.Value<string>()).ToList();
        tables.Should().Equal("gd_sequence_signals", "gd_sequence_indicators", "gd_finding_overview", "gd_action_details",
            "gd_resource_affected", "gd_s3_bucket_details", "gd_instance_details", "gd_access_key_details");
        tables.Should().OnlyContain(name => List("types").Any(t => t["type_name"]!.Value<string>() == name));

        var fields = content.Where(e => e["element"]!.Value<string>() == "field_uuid").ToList();
        var account = FieldsByUuid()[fields.Should().ContainSingle().Subject["content"]!.Value<string>()!];
        account["name"]!.Value<string>().Should().Be("aws_guardduty_account_id");
        fields.Single()["field_type"]!.Value<string>().Should().Be("incident");
    }

    [Test]
    public void The_data_tables_have_every_column_with_the_reference_uuids()
    {
        var tables = List("types").ToList();
        tables.Should().HaveCount(8).And.OnlyContain(t => t["type_id"]!.Value<int>() == 8 && t["parent_types"]![0]!.Value<string>() == "incident");
        foreach (var definition in DataTables.All)
        {
            var table = tables.Single(t => t["type_name"]!.Value<string>() == definition.Name);
            table["display_name"]!.Value<string>().Should().Be(definition.DisplayName);
            if (definition.Uuid is not null)
                table["uuid"]!.Value<string>().Should().Be(definition.Uuid);
            var columns = (JObject)table["fields"]!;
            columns.Properties().Select(p => (p.Name, p.Value["text"]!.Value<string>())).Should().BeEquivalentTo(definition.Columns.Select(c => (c.Name, c.Label)));
            columns.Properties().Select(p => p.Value["order"]!.Value<int>()).Should().OnlyHaveUniqueItems();
            columns["query_execution_date"]!["order"]!.Value<int>().Should().Be(0);
            columns.Properties().Should().OnlyContain(p => p.Value["export_key"]!.Value<string>() == $"{definition.Name}/{p.Name}" && p.Value["input_type"]!.Value<string>() == "text");
        }

        var action = (JObject)tables.Single(t => t["type_name"]!.Value<string>() == "gd_action_details")["fields"]!;
        action["remote_ip"]!["order"]!.Value<int>().Should().Be(8);
        action["asn"]!["order"]!.Value<int>().Should().Be(18);

        // extensions.md §A: the two attack-sequence tables with their display names.
        tables.Single(t => t["type_name"]!.Value<string>() == "gd_sequence_signals")["display_name"]!.Value<string>()
            .Should().Be("GuardDuty Attack Sequence Signals");
        tables.Single(t => t["type_name"]!.Value<string>() == "gd_sequence_indicators")["display_name"]!.Value<string>()
            .Should().Be("GuardDuty Attack Sequence Indicators");
        ((JObject)tables.Single(t => t["type_name"]!.Value<string>() == "gd_sequence_signals")["fields"]!).Properties().Select(p => p.Name)
            .Should().BeEquivalentTo("signal_uid", "signal_name", "signal_type", "signal_description", "severity", "count", "first_seen",
                "last_seen", "resource_uids", "actor_ids", "endpoint_ids", "incident_id", "query_execution_date");
        ((JObject)tables.Single(t => t["type_name"]!.Value<string>() == "gd_sequence_indicators")["fields"]!).Properties().Select(p => p.Name)
            .Should().BeEquivalentTo("indicator_key", "indicator_title", "indicator_values", "query_execution_date");
    }

    [Test]
    public void The_3_custom_artifact_types_carry_the_reference_uuids()
    {
        List("incident_artifact_types").Select(a => (a["programmatic_name"]!.Value<string>(), a["name"]!.Value<string>(), a["uuid"]!.Value<string>()))
            .Should().Equal(ArtifactTypes.Custom.Select(t => ((string?)t.ApiName, (string?)t.DisplayName, t.Uuid)));
        List("incident_artifact_types").Should().OnlyContain(a => a["default_scan_option"]!.Value<string>() == "unsupported" && a["use_for_relationships"]!.Value<bool>());
    }

    private static readonly string[] ReferencePlaybookOrder =
    [
        "example_aws_guardduty_archive_finding_pb", "example_aws_guardduty_refresh_finding_details_pb",
        "example_aws_guardduty_update_finding_details_pb", "aws_guardduty_create_ipset_pb", "aws_guardduty_list_ipset_pb",
        "aws_guardduty_get_ipset_pb", "aws_guardduty_update_ipset_pb", "aws_guardduty_delete_ipset_pb",
        "aws_guardduty_create_threatintelset_pb", "aws_guardduty_list_threatintelset_pb", "aws_guardduty_get_threatintelset_pb",
        "aws_guardduty_update_threatintelset_pb", "aws_guardduty_delete_threatintelset_pb", "aws_guardduty_unarchive_finding_pb",
        "aws_guardduty_update_findings_feedback_pb", "aws_guardduty_get_findings_pb", "aws_guardduty_list_findings_pb",
        "aws_guardduty_create_sample_findings_pb",
    ];

    [Test]
    public void Each_playbook_names_its_function_and_embeds_its_scripts_from_the_repository()
    {
        var playbooks = List("playbooks").ToList();
        var names = playbooks.Select(p => p["name"]!.Value<string>()!).ToList();
        names.Should().BeEquivalentTo(Directory.GetDirectories(_repository.PlaybooksDirectory).Select(Path.GetFileName));
        // The reference's playbooks keep their order: by the function they call, then by name.
        names.Where(ReferencePlaybookOrder.Contains).Should().Equal(ReferencePlaybookOrder);
        var functions = List("functions").ToDictionary(f => f["uuid"]!.Value<string>()!, f => f["name"]!.Value<string>()!);
        foreach (var playbook in playbooks)
        {
            var name = playbook["name"]!.Value<string>()!;
            var folder = Path.Combine(_repository.PlaybooksDirectory, name);
            var xml = XDocument.Parse(playbook["content"]!["xml"]!.Value<string>()!);
            var calls = xml.Descendants().Where(e => e.Name.LocalName == "function").ToList();
            var definition = JObject.Parse(File.ReadAllText(Path.Combine(folder, "playbook.json")));
            var steps = new[] { (JObject)definition["function"]! }.Concat((definition["then"] as JArray ?? []).OfType<JObject>()).ToList();
            calls.Should().HaveCount(steps.Count, "one service task per function call, in order");
            foreach (var (call, step) in calls.Zip(steps))
            {
                var settings = JObject.Parse(call.Value);
                functions[call.Attribute("uuid")!.Value].Should().Be(step["name"]!.Value<string>());
                settings["result_name"]!.Value<string>().Should().Be(step["result_name"]!.Value<string>());
                settings["pre_processing_script"]!.Value<string>().Should().Be(
                    File.ReadAllText(Path.Combine(folder, step["input_script"]?.Value<string>() ?? "input.py")));
            }

            var script = playbook["local_scripts"]!.Should().ContainSingle().Subject;
            script["script_text"]!.Value<string>().Should().Be(File.ReadAllText(Path.Combine(folder, "post_process.py")));
            script["playbook_handle"]!.Value<string>().Should().Be(name);
            xml.Descendants().Single(e => e.Name.LocalName == "script").Attribute("uuid")!.Value.Should().Be(script["uuid"]!.Value<string>());
            playbook["deployment_id"]!.Value<string>().Should().Be("playbook_" + playbook["uuid"]!.Value<string>()!.Replace('-', '_'));
            playbook["status"]!.Value<string>().Should().Be("enabled");
            playbook["object_type"]!.Value<string>().Should().Be("incident");
        }
    }

    [Test]
    public void Automatic_playbooks_have_activation_details_and_manual_ones_a_form()
    {
        var archive = List("playbooks").Single(p => p["name"]!.Value<string>() == PlaybookCatalog.ArchiveFinding);
        archive["activation_type"]!.Value<string>().Should().Be("automatic");
        archive["activation_details"]!["activation_conditions"]!["conditions"]!.Select(c => $"{c["field_name"]} {c["method"]} {c["value"]}").Should().Equal(
            "incident.plan_status changed_to Closed", "incident.properties.aws_guardduty_archived not_equals True",
            "incident.properties.aws_guardduty_detector_id has_a_value ", "incident.properties.aws_guardduty_finding_id has_a_value ",
            "incident.properties.aws_guardduty_region has_a_value ");

        var update = List("playbooks").Single(p => p["name"]!.Value<string>() == PlaybookCatalog.UpdateFindingDetails);
        var trigger = update["activation_details"]!["activation_conditions"]!["conditions"]!.Last();
        trigger["method"]!.Value<string>().Should().Be("equals");
        trigger["value"]!.Type.Should().Be(JTokenType.Boolean);

        var feedback = List("playbooks").Single(p => p["name"]!.Value<string>() == "aws_guardduty_update_findings_feedback_pb");
        feedback["activation_type"]!.Value<string>().Should().Be("manual");
        feedback["manual_settings"]!["activation_conditions"]!["conditions"]!.Single()["field_name"]!.Value<string>()
            .Should().Be("incident.properties.aws_guardduty_finding_id");
        var form = (JObject)feedback["fields_type"]!["fields"]!;
        form["aws_gd_feedback"]!["required"]!.Value<string>().Should().Be("always");
        form["aws_gd_feedback"]!["values"]!.Select(v => v["label"]!.Value<string>()).Should().Equal("USEFUL", "NOT_USEFUL");
        feedback["manual_settings"]!["view_items"]!.Select(v => v["content"]!.Value<string>())
            .Should().Equal(form.Properties().Select(p => p.Value["uuid"]!.Value<string>()).OrderBy(u => feedback["manual_settings"]!["view_items"]!
                .Select(v => v["content"]!.Value<string>()).ToList().IndexOf(u)));

        var createIpSet = List("playbooks").Single(p => p["name"]!.Value<string>() == "aws_guardduty_create_ipset_pb");
        ((JObject)createIpSet["fields_type"]!["fields"]!)["aws_gd_format"]!["values"]!.Select(v => v["label"]!.Value<string>())
            .Should().Equal("TXT", "STIX", "OTX_CSV", "ALIEN_VAULT", "PROOF_POINT", "FIRE_EYE");
    }

    [Test]
    public void New_objects_have_stable_name_based_uuids()
    {
        StableUuid.For("function/aws_guardduty_get_findings").Should().Be(StableUuid.For("function/aws_guardduty_get_findings"));
        Guid.Parse(StableUuid.For("x")).ToString().Should().Be(StableUuid.For("x"));
        StableUuid.For("x")[14].Should().Be('5', "a version-5 uuid");
        var uuids = List("functions").Select(f => f["uuid"]!.Value<string>())
            .Concat(List("fields").Select(f => f["uuid"]!.Value<string>()))
            .Concat(List("playbooks").Select(p => p["uuid"]!.Value<string>()))
            .Concat(List("playbooks").SelectMany(p => p["local_scripts"]!.Select(s => s["uuid"]!.Value<string>())))
            .Concat(List("types").Select(t => t["uuid"]!.Value<string>()));
        uuids.Should().OnlyHaveUniqueItems();
    }
}
