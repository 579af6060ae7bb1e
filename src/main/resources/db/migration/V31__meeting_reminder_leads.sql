-- A meeting's own reminder times: minutes before the start, comma-separated, soonest last (e.g. '1440,60');
-- null: the deployment's linli.reminder.meeting-leads.
ALTER TABLE meeting ADD COLUMN reminder_leads VARCHAR(64);
