# Local script "Archive Finding Post Script" of the playbook AWS GuardDuty: Archive Finding (PB).
# Runs after func_aws_guardduty_archive_finding. On success the incident is marked archived, so the
# poller does not close it again and this playbook does not fire twice; a note records the outcome.

PLAYBOOK_NAME = "AWS GuardDuty: Archive Finding (PB)"
FN_NAME = "func_aws_guardduty_archive_finding"
RESULT = playbook.functions.results.output


def escape(text):
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def finding_text(inputs):
    return "The finding with id <b>{0}</b> and detector id <b>{1}</b> in region <b>{2}</b>".format(
        escape(inputs.get("aws_gd_finding_id")), escape(inputs.get("aws_gd_detector_id")),
        escape(inputs.get("aws_gd_region")))


def main():
    prefix = "AWS GuardDuty: Playbook <b>{0}</b>: ".format(PLAYBOOK_NAME)
    if not RESULT:
        note = prefix + "There was no result returned for SOAR function <b>{0}</b>.".format(FN_NAME)
        incident.addNote(helper.createRichText(note))
        return

    inputs = RESULT.get("inputs") or {}
    content = RESULT.get("content") or {}
    status = content.get("status") if isinstance(content, dict) else None
    if not RESULT.get("success"):
        note = "{0} could not be archived by SOAR function <b>{1}</b>: <b>{2}</b>".format(
            finding_text(inputs), FN_NAME, escape(RESULT.get("reason") or "no reason given"))
    elif status == "ok":
        incident.properties.aws_guardduty_archived = "True"
        note = "{0} was archived by SOAR function <b>{1}</b>.".format(finding_text(inputs), FN_NAME)
    elif status == "error":
        note = "{0} could not be archived by SOAR function <b>{1}</b>: <b>{2}</b>".format(
            finding_text(inputs), FN_NAME, escape(content.get("msg") or "no message given"))
    else:
        note = "{0} got the unexpected status <b>{1}</b> from SOAR function <b>{2}</b>.".format(
            finding_text(inputs), escape(status), FN_NAME)
    incident.addNote(helper.createRichText(prefix + note))


main()
