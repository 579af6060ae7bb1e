-- For polls: a household's named representative (户代表), and units the developer still holds unsold
-- (建筑物区分所有权司法解释 art. 9: the developer's unsold units together count as one head).
ALTER TABLE household ADD COLUMN representative_resident_id BIGINT REFERENCES resident (id);
ALTER TABLE household ADD COLUMN developer_held BOOLEAN NOT NULL DEFAULT FALSE;
