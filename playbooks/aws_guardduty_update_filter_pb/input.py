# Input script of aws_guardduty_update_filter: the incident's detector and region, and what the analyst entered on the playbook's form.
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_filter_name = playbook.inputs.aws_gd_filter_name
inputs.aws_gd_filter_action = playbook.inputs.aws_gd_filter_action
inputs.aws_gd_filter_rank = playbook.inputs.aws_gd_filter_rank
inputs.aws_gd_filter_description = playbook.inputs.aws_gd_filter_description
inputs.aws_gd_filter_criteria = playbook.inputs.aws_gd_filter_criteria
