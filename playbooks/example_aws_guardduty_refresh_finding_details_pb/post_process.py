# Local script "Refresh Finding Details Post Script" of the playbook AWS GuardDuty: Refresh Finding Details (PB).
# Runs after func_aws_guardduty_refresh_finding and applies the refreshed finding to the incident:
#   - severity_code and the finding properties from content.payload;
#   - the eight gd_* data tables (the reference's six and the two attack-sequence tables, empty for a finding
#     that is no attack sequence): this app's function replaces their rows itself over SOAR REST and says so with
#     content.tables_replaced, so the script leaves them alone (scripts can add rows but not delete them). From an
#     older function without tables_replaced, the refreshed rows are added and the note says so;
#   - the artifacts the refresh content lists (the function already left out those the incident has);
#   - aws_guardduty_trigger_refresh back to false, so the next change of the finding triggers again;
#   - a note with what changed.

PLAYBOOK_NAME = "AWS GuardDuty: Refresh Finding Details (PB)"
FN_NAME = "func_aws_guardduty_refresh_finding"
RESULT = playbook.functions.results.output

DATA_TABLES = [
    "gd_finding_overview",
    "gd_action_details",
    "gd_resource_affected",
    "gd_s3_bucket_details",
    "gd_instance_details",
    "gd_access_key_details",
    "gd_sequence_signals",
    "gd_sequence_indicators",
]

# Finding properties a refresh may change (id, detector and region identify the incident and stay).
REFRESHED_PROPERTIES = [
    "aws_guardduty_finding_arn",
    "aws_guardduty_finding_type",
    "aws_guardduty_finding_updated_at",
    "aws_guardduty_severity",
    "aws_guardduty_resource_type",
    "aws_guardduty_count",
    "aws_guardduty_archived",
    "aws_guardduty_account_id",
]

# Artifact type api names (as the function returns them) to the names addArtifact takes.
ARTIFACT_TYPES = {
    "aws_iam_access_key_id": "AWS IAM Access Key ID",
    "aws_iam_user_name": "AWS IAM User Name",
    "aws_s3_bucket_name": "AWS S3 Bucket Name",
    "IP Address": "IP Address",
    "DNS Name": "DNS Name",
    "Port": "Port",
    "User Account": "User Account",
}


def escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def update_fields(payload):
    severity_code = payload.get("severity_code")
    if severity_code:
        incident.severity_code = severity_code
    properties = payload.get("properties") or {}
    changed = 0
    for name in REFRESHED_PROPERTIES:
        if name in properties and properties[name] is not None:
            setattr(incident.properties, name, str(properties[name]))
            changed += 1
    return changed


def add_tables(tables, timestamp):
    """Adds the refreshed rows of the tables (an older function that did not replace them); returns the count."""
    added = 0
    for table in DATA_TABLES:
        for row in tables.get(table) or []:
            cells = row.get("cells") or {}
            new_row = incident.addRow(table)
            for column, cell in cells.items():
                value = cell.get("value") if isinstance(cell, dict) else cell
                if value is not None:
                    new_row[column] = value
            if "query_execution_date" not in cells and timestamp:
                new_row["query_execution_date"] = timestamp
            added += 1
    return added


def add_artifacts(artifacts):
    added = 0
    for artifact in artifacts:
        type_name = (artifact.get("type") or {}).get("name")
        value = artifact.get("value")
        if not type_name or value is None:
            continue
        description = (artifact.get("description") or {}).get("content") or ""
        incident.addArtifact(ARTIFACT_TYPES.get(type_name, type_name), str(value), description)
        added += 1
    return added


def main():
    prefix = "AWS GuardDuty: Playbook <b>{0}</b>: ".format(PLAYBOOK_NAME)
    content = (RESULT.get("content") if RESULT else None) or {}
    if RESULT and not RESULT.get("success"):
        note = "SOAR function <b>{0}</b> failed: <b>{1}</b>".format(
            FN_NAME, escape(RESULT.get("reason") or "no reason given"))
    elif not content.get("payload"):
        note = "No finding data was returned for SOAR function <b>{0}</b>; the incident was left as it was.".format(FN_NAME)
    else:
        payload = content["payload"]
        metrics = RESULT.get("metrics") or {}
        timestamp = content.get("timestamp") or metrics.get("timestamp")
        artifacts = content.get("artifacts")
        if artifacts is None:
            artifacts = payload.get("artifacts") or []
        fields = update_fields(payload)
        if content.get("tables_replaced"):
            rows = sum(len((content.get("data_tables") or {}).get(table) or []) for table in DATA_TABLES)
            tables = "the {0} data tables replaced by the function with {1} rows".format(len(DATA_TABLES), rows)
        else:
            added = add_tables(content.get("data_tables") or {}, timestamp)
            tables = ("{0} data table rows added (this function version does not replace rows, "
                      "so earlier rows were kept)").format(added)
        new_artifacts = add_artifacts(artifacts)
        properties = payload.get("properties") or {}
        note = ("Refreshed finding <b>{0}</b> from SOAR function <b>{1}</b>: severity <b>{2}</b>, "
                "{3} fields updated, {4}, {5} new artifacts.").format(
            escape(properties.get("aws_guardduty_finding_id")), FN_NAME, escape(payload.get("severity_code")),
            fields, tables, new_artifacts)
    incident.properties.aws_guardduty_trigger_refresh = False
    incident.addNote(helper.createRichText(prefix + note))


main()
