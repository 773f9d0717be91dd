# Input script of aws_guardduty_update_findings_feedback: the incident's finding, detector and region, and what the analyst entered on the playbook's form.
inputs.aws_gd_finding_id = incident.properties.aws_guardduty_finding_id
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_feedback = playbook.inputs.aws_gd_feedback
inputs.aws_gd_comments = playbook.inputs.aws_gd_comments
