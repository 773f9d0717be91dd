# Input script of aws_guardduty_create_filter (step 2 of 3): an ARCHIVE filter built from the incident's finding
# (its type, resource and account), named by the analyst.
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_finding_id = incident.properties.aws_guardduty_finding_id
inputs.aws_gd_filter_name = playbook.inputs.aws_gd_filter_name
inputs.aws_gd_filter_action = "ARCHIVE"
inputs.aws_gd_filter_description = "False positive, from SOAR incident {0}".format(incident.id)
