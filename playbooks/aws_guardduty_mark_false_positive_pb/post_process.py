# Local script "Mark as False Positive Post Script" of the playbook AWS GuardDuty: Mark as false positive (PB).
# Runs after the three function calls (feedback, suppression rule, archive). When the finding was archived, the
# incident is marked archived (so the archive playbook does not run again) and closed as "Not an Issue".
# A note always says what was done and what failed.

PLAYBOOK_NAME = "AWS GuardDuty: Mark as false positive (PB)"
RESULTS = playbook.functions.results
FEEDBACK = RESULTS.feedback_output
FILTER = RESULTS.filter_output
ARCHIVE = RESULTS.archive_output


def escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def failure_reason(result):
    """None when the function call succeeded, otherwise why it did not."""
    if not result:
        return "no result was returned"
    if not result.get("success"):
        return result.get("reason") or "no reason given"
    content = result.get("content")
    if not isinstance(content, dict) or content.get("status") != "ok":
        return (content or {}).get("msg") if isinstance(content, dict) else "no status ok"
    return None


def criteria_text(criteria):
    lines = []
    for field, condition in sorted(((criteria or {}).get("Criterion") or {}).items()):
        for operator, value in sorted(condition.items()):
            shown = ", ".join(str(v) for v in value) if isinstance(value, list) else str(value)
            lines.append("{0} {1} {2}".format(escape(field), escape(operator), escape(shown)))
    return "<br>".join(lines) or "none"


def main():
    finding_id = incident.properties.aws_guardduty_finding_id
    done = []
    failed = []

    reason = failure_reason(FEEDBACK)
    if reason is None:
        done.append("Feedback <b>NOT_USEFUL</b> sent for finding <b>{0}</b>.".format(escape(finding_id)))
    else:
        failed.append("Feedback NOT_USEFUL was not sent: {0}".format(escape(reason)))

    reason = failure_reason(FILTER)
    if reason is None:
        content = FILTER.get("content")
        done.append("Suppression rule <b>{0}</b> (action ARCHIVE) created with the criteria:<br>{1}".format(
            escape(content.get("Name")), criteria_text(content.get("FindingCriteria"))))
    else:
        failed.append("The suppression rule was not created: {0}".format(escape(reason)))

    reason = failure_reason(ARCHIVE)
    archived = reason is None
    if archived:
        done.append("Finding <b>{0}</b> archived.".format(escape(finding_id)))
        incident.properties.aws_guardduty_archived = "True"
        incident.resolution_id = "Not an Issue"
        incident.resolution_summary = "False positive: GuardDuty finding {0} marked NOT_USEFUL and archived.".format(finding_id)
        incident.plan_status = "C"
        done.append("Incident closed as <b>Not an Issue</b>.")
    else:
        failed.append("The finding was not archived, so the incident stays open: {0}".format(escape(reason)))

    note = "AWS GuardDuty: Playbook <b>{0}</b><br>".format(PLAYBOOK_NAME)
    note += "<br>".join(done)
    if failed:
        note += "<br><b>Not done:</b><br>" + "<br>".join(failed)
    incident.addNote(helper.createRichText(note))


main()
