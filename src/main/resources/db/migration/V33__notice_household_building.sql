-- A notice's households are frozen with their building and its grid at publication, so the notice feature filters
-- by a staff member's reach over its own table (the community feature answers the rest through its service).
ALTER TABLE notice_household ADD COLUMN building_id BIGINT, ADD COLUMN grid_id BIGINT;
UPDATE notice_household nh SET building_id = b.id, grid_id = b.grid_id
  FROM household h JOIN building_unit u ON u.id = h.unit_id JOIN building b ON b.id = u.building_id
 WHERE h.id = nh.household_id;
ALTER TABLE notice_household ALTER COLUMN building_id SET NOT NULL;
CREATE INDEX notice_household_reach_idx ON notice_household (notice_id, building_id, grid_id);
