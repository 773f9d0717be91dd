# Local script "Get Findings Post Script" of the playbook AWS GuardDuty: Get Findings (PB).
# Runs after aws_guardduty_get_findings and writes a note summarising each finding returned.

PLAYBOOK_NAME = "AWS GuardDuty: Get Findings (PB)"
FN_NAME = "aws_guardduty_get_findings"
RESULT = playbook.functions.results.response_output


def escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def failure_reason(result, content):
    """None when the function succeeded, otherwise why it did not."""
    if not result:
        return "no result was returned"
    if not result.get("success"):
        return result.get("reason") or "no reason given"
    if isinstance(content, dict) and content.get("status") == "error":
        return content.get("msg") or "no message given"
    return None


def summary(finding):
    service = finding.get("Service") or {}
    return ("<b>{0}</b><br>Type: {1}<br>Severity: {2}<br>Title: {3}<br>Updated at: {4}<br>Count: {5}<br>Archived: {6}").format(
        escape(finding.get("Id")), escape(finding.get("Type")), escape(finding.get("Severity")), escape(finding.get("Title")),
        escape(finding.get("UpdatedAt")), escape(service.get("Count")), escape(service.get("Archived")))


def detail(content, inputs):
    findings = content.get("findings") or []
    missing = content.get("missing_ids") or []
    text = "<b>Findings returned:</b> {0}".format(len(findings))
    for finding in findings:
        text += "<br><br>" + summary(finding)
    if missing:
        text += "<br><br><b>Not found:</b> " + ", ".join(escape(i) for i in missing)
    return text


def main():
    inputs = (RESULT.get("inputs") if RESULT else None) or {}
    content = RESULT.get("content") if RESULT else None
    note = "Action ran for AWS Region: <b>{0}</b><br>".format(escape(inputs.get("aws_gd_region")))
    reason = failure_reason(RESULT, content)
    if reason is None:
        note += "AWS GuardDuty: Playbook: <b>{0}</b><br>Successfully executed for SOAR function <b>{1}</b><br>".format(
            PLAYBOOK_NAME, FN_NAME)
        note += detail(content, inputs)
    else:
        note += "AWS GuardDuty: Playbook: <b>{0}</b><br>Execution error for SOAR function <b>{1}</b><br><b>Reason:</b> {2}".format(
            PLAYBOOK_NAME, FN_NAME, escape(reason))
    incident.addNote(helper.createRichText(note))


main()
