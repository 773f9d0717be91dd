# Input script of aws_guardduty_get_filter: the incident's detector and region, and what the analyst entered on the playbook's form.
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_filter_name = playbook.inputs.aws_gd_filter_name
