-- Notice categories a resident muted in 提醒设置 (only 活动 EVENT may be): such notices are still listed, not pushed.
ALTER TABLE reminder_setting ADD COLUMN muted_notices VARCHAR(24)[] NOT NULL DEFAULT '{}';
