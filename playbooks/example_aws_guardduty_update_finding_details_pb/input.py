# Input script of func_aws_guardduty_refresh_finding: the finding this incident was created for, and the
# incident itself (the function posts the refreshed finding as a note on it).
inputs.aws_gd_region = incident.properties.aws_guardduty_region
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_finding_id = incident.properties.aws_guardduty_finding_id
inputs.incident_id = incident.id
