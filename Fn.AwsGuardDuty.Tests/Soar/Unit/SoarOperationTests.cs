using Fn.AwsGuardDuty.Soar.Http;

namespace Fn.AwsGuardDuty.Tests.Soar.Unit;

/// <summary>The operation tag of <c>fn_aws_guardduty_soar_calls_total</c>: named by what the call does, never by its ids.</summary>
public sealed class SoarOperationTests
{
    [TestCase("POST", "/incidents", "create_incident")]
    [TestCase("POST", "/incidents/query_paged?return_level=normal", "query_incidents")]
    [TestCase("GET", "/incidents/4711?handle_format=names", "get_incident")]
    [TestCase("PUT", "/incidents/4711", "update_incident")]
    [TestCase("PATCH", "/incidents/4711", "patch_incident")]
    [TestCase("POST", "/incidents/4711/comments", "add_note")]
    [TestCase("GET", "/incidents/4711/comments", "list_notes")]
    [TestCase("POST", "/incidents/4711/artifacts", "add_artifact")]
    [TestCase("GET", "/incidents/4711/artifacts?handle_format=names", "list_artifacts")]
    [TestCase("POST", "/incidents/4711/artifacts/query_paged", "query_artifacts")]
    [TestCase("GET", "/incidents/4711/table_data/aws_guardduty_finding_overview?handle_format=names", "get_table")]
    [TestCase("POST", "/incidents/4711/table_data/aws_guardduty_finding_overview/row_data", "add_table_row")]
    [TestCase("PUT", "/incidents/4711/table_data/aws_guardduty_finding_overview/row_data/12?handle_format=names", "update_table_row")]
    [TestCase("DELETE", "/incidents/4711/table_data/aws_guardduty_finding_overview/row_data/12?handle_format=names", "delete_table_row")]
    [TestCase("GET", "/types/incident/fields", "get_type_fields")]
    [TestCase("GET", "/types/incident", "get_type")]
    [TestCase("GET", "/functions/aws_guardduty_get_detector?handle_format=names", "get_function")]
    [TestCase("GET", "/message_destinations", "list_message_destinations")]
    [TestCase("PUT", "/message_destinations/3", "update_message_destination")]
    [TestCase("POST", "/configurations/imports", "create_import")]
    [TestCase("GET", "/configurations/imports/9", "get_import")]
    [TestCase("POST", "/rest/session?include_permissions=false", "login")]
    [TestCase("GET", "/rest/session?include_permissions=false", "get_session")]
    [TestCase("GET", "/rest/orgs/201", "get_org")]
    [TestCase("GET", "/const", "get_const")]
    [TestCase("GET", "/workflow_instances/5", "other")]
    [TestCase("GET", "/", "other")]
    public void Names_a_request_by_what_it_does(string method, string path, string expected) =>
        SoarOperation.Of(new SoarRequest(new HttpMethod(method), path)).Should().Be(expected);

    [Test]
    public void A_long_path_does_not_overflow_the_segments()
    {
        var path = "/incidents/1/table_data/t/row_data/2/a/b/c/d/e/f/g";
        SoarOperation.Of(new SoarRequest(HttpMethod.Put, path)).Should().Be("update_table_row");
    }
}
