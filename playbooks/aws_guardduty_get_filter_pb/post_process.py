# Local script "Get Filter Post Script" of the playbook AWS GuardDuty: Get Filter (PB).
# Runs after aws_guardduty_get_filter and writes a note with the outcome.

PLAYBOOK_NAME = "AWS GuardDuty: Get Filter (PB)"
FN_NAME = "aws_guardduty_get_filter"
RESULT = playbook.functions.results.response_output


def escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def failure_reason(result, content):
    """None when the function succeeded, otherwise why it did not."""
    if not result:
        return "no result was returned"
    if not result.get("success"):
        return result.get("reason") or "no reason given"
    if not isinstance(content, dict) or content.get("status") != "ok":
        return "the function returned no status ok"
    return None


def criteria_text(criteria):
    """One line per field: field operator values."""
    lines = []
    for field, condition in sorted(((criteria or {}).get("Criterion") or {}).items()):
        for operator, value in sorted(condition.items()):
            shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
            lines.append("{0} {1} {2}".format(escape(field), escape(operator), escape(shown)))
    return "<br>".join(lines) or "none"


def detail(content, inputs):
    return "<b>Filter:</b> {0}<br><b>Action:</b> {1}<br><b>Rank:</b> {2}<br><b>Description:</b> {3}<br><b>Criteria:</b><br>{4}".format(
        escape(content.get("Name")), escape(content.get("Action")), escape(content.get("Rank")), escape(content.get("Description") or ""),
        criteria_text(content.get("FindingCriteria")))


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
