# Input script of aws_guardduty_create_trusted_entity_set: the incident's detector and region, and what the analyst entered on the playbook's form.
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_activate = playbook.inputs.aws_gd_activate
inputs.aws_gd_bucket_owner = playbook.inputs.aws_gd_bucket_owner
inputs.aws_gd_client_token = playbook.inputs.aws_gd_client_token
inputs.aws_gd_format = playbook.inputs.aws_gd_format
inputs.aws_gd_location = playbook.inputs.aws_gd_location
inputs.aws_gd_name = playbook.inputs.aws_gd_name
inputs.aws_gd_tags = playbook.inputs.aws_gd_tags
