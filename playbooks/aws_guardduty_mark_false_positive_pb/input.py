# Input script of aws_guardduty_update_findings_feedback (step 1 of 3): the incident's finding is not useful.
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_finding_id = incident.properties.aws_guardduty_finding_id
inputs.aws_gd_feedback = "NOT_USEFUL"
inputs.aws_gd_comments = playbook.inputs.aws_gd_comments
