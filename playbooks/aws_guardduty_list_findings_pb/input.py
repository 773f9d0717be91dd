# Input script of aws_guardduty_list_findings: the incident's detector and region, and what the analyst entered on the playbook's form.
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_severity_threshold = playbook.inputs.aws_gd_severity_threshold
inputs.aws_gd_finding_types = playbook.inputs.aws_gd_finding_types
inputs.aws_gd_updated_since = playbook.inputs.aws_gd_updated_since
inputs.aws_gd_archived = playbook.inputs.aws_gd_archived if playbook.inputs.aws_gd_archived is not None else False
inputs.aws_gd_max_results = playbook.inputs.aws_gd_max_results
inputs.aws_gd_next_token = playbook.inputs.aws_gd_next_token
