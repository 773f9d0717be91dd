# Input script of aws_guardduty_get_findings: the incident's finding, detector and region.
inputs.aws_gd_finding_ids = incident.properties.aws_guardduty_finding_id
inputs.aws_gd_detector_id = incident.properties.aws_guardduty_detector_id
inputs.aws_gd_region = incident.properties.aws_guardduty_region
