# Input script of aws_guardduty_scan_s3_object: the incident's region, and what the analyst entered on the playbook's form.
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_bucket_name = playbook.inputs.aws_gd_bucket_name
inputs.aws_gd_object_key = playbook.inputs.aws_gd_object_key
