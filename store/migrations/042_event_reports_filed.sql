-- Instances sharing a state read the reports the others filed since they
-- last looked, by filing time.
CREATE INDEX event_reports_filed ON event_reports (filed_at);
