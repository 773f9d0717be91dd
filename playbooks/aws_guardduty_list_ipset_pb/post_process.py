# Local script "List IPSet Post Script" of the playbook AWS GuardDuty: List IPSet (PB).
# Runs after aws_guardduty_list_ipset and writes a note listing the IPSet ids (and the next token
# when aws_gd_max_results capped the listing).

PLAYBOOK_NAME = "AWS GuardDuty: List IPSet (PB)"
FN_NAME = "aws_guardduty_list_ipset"
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


def detail(content, inputs):
    # A complete listing is a bare list of ids; one capped by aws_gd_max_results with more ids left is
    # {"ids": [...], "next_token": "..."}, and the token continues the listing.
    if content is None:
        content = []
    ids = content if isinstance(content, list) else content.get("ids", [])
    next_token = None if isinstance(content, list) else content.get("next_token")
    if not ids:
        text = "No IPSets found on AWS GuardDuty for this region"
    else:
        text = "<b>Listing all the IpSetIds:</b><br>" + "<br>".join(escape(i) for i in ids)
    if next_token:
        text += ("<br><b>Next token:</b> " + escape(next_token) +
                 "<br>More ids remain: run this playbook again with this token as aws_gd_next_token to list them.")
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
