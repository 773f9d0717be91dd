# Local script "Get Coverage Statistics Post Script" of the playbook AWS GuardDuty: Get Coverage Statistics (PB).
# Runs after aws_guardduty_get_coverage_statistics and writes a note with the outcome.

PLAYBOOK_NAME = "AWS GuardDuty: Get Coverage Statistics (PB)"
FN_NAME = "aws_guardduty_get_coverage_statistics"
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


def detail(content, inputs):
    statistics = content.get("CoverageStatistics") or {}
    def counts(name):
        return ", ".join("{0}: {1}".format(escape(k), escape(v)) for k, v in sorted((statistics.get(name) or {}).items())) or "none"
    return "<b>By resource type:</b> {0}<br><b>By coverage status:</b> {1}".format(counts("CountByResourceType"), counts("CountByCoverageStatus"))


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
