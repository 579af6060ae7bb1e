-- The Official Account's subscribe notifications (bizsend) become a channel of their own.
ALTER TABLE push_delivery DROP CONSTRAINT push_delivery_channel_check;
ALTER TABLE push_delivery ADD CONSTRAINT push_delivery_channel_check
    CHECK (channel IN ('MINI_SUBSCRIBE', 'MP_SUBSCRIBE', 'MP_TEMPLATE', 'MP_KEFU', 'IN_APP'));

-- A message can be called off (its notice withdrawn, or superseded by a renotified version) and can outlive its use
-- (a notice's expiry, a poll that closed). Deliveries not yet made then end as CANCELLED instead of going out late.

ALTER TABLE push_message ADD COLUMN expires_at TIMESTAMPTZ;
ALTER TABLE push_message ADD COLUMN cancelled_at TIMESTAMPTZ;

ALTER TABLE push_delivery DROP CONSTRAINT push_delivery_status_check;
ALTER TABLE push_delivery ALTER COLUMN status TYPE VARCHAR(12);
ALTER TABLE push_delivery ADD CONSTRAINT push_delivery_status_check
    CHECK (status IN ('PENDING', 'SENT', 'IN_APP', 'DEAD', 'CANCELLED'));
