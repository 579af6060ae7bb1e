-- Demo community 幸福里社区 (code XFL): 2 grids, 4 buildings × 2 units × 15 rooms = 120 households,
-- 40 residents bound through WeChat (openids demo-openid-001…040). Runs once, only with linli.demo-data=true.
INSERT INTO community (code, name) VALUES ('XFL', '幸福里社区');

INSERT INTO grid (community_id, name)
SELECT c.id, g.name FROM community c, (VALUES ('第一网格'), ('第二网格')) AS g(name) WHERE c.code = 'XFL';

INSERT INTO building (community_id, grid_id, name)
SELECT c.id, gr.id, b.n || '号楼'
FROM community c
JOIN generate_series(1, 4) AS b(n) ON TRUE
JOIN grid gr ON gr.community_id = c.id AND gr.name = CASE WHEN b.n <= 2 THEN '第一网格' ELSE '第二网格' END
WHERE c.code = 'XFL';

INSERT INTO building_unit (community_id, building_id, name)
SELECT b.community_id, b.id, u.n || '单元'
FROM building b JOIN community c ON c.id = b.community_id AND c.code = 'XFL', generate_series(1, 2) AS u(n);

-- Floors 1–5, three rooms a floor; areas between 58 and 128 m², mostly from the real-estate register.
INSERT INTO household (community_id, unit_id, room, floor_area, area_source)
SELECT u.community_id, u.id, f.n || lpad(r.n::text, 2, '0'),
       58 + ((u.id * 7 + f.n * 13 + r.n * 17) % 71) + 0.25 * (r.n % 4),
       CASE WHEN (f.n + r.n) % 7 = 0 THEN 'SURVEY' WHEN (f.n + r.n) % 11 = 0 THEN 'CONTRACT' ELSE 'REGISTRY' END
FROM building_unit u JOIN community c ON c.id = u.community_id AND c.code = 'XFL',
     generate_series(1, 5) AS f(n), generate_series(1, 3) AS r(n);

-- 40 residents, one per every third household, the first 30 as owners and the rest as tenants.
WITH picked AS (
    SELECT h.id AS household_id, h.community_id, row_number() OVER (ORDER BY h.id) AS k
    FROM household h JOIN community c ON c.id = h.community_id AND c.code = 'XFL'
), chosen AS (
    SELECT household_id, community_id, (k + 2) / 3 AS n FROM picked WHERE k % 3 = 1 AND k <= 120
), people AS (
    INSERT INTO resident (community_id, display_name, phone_masked, mp_openid, mini_openid)
    SELECT community_id,
           (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴'])[1 + n % 10]
               || (ARRAY['建国','秀英','伟','芳','敏','静','磊','洋','丽','强'])[1 + (n * 3) % 10],
           '139****' || lpad((1000 + n)::text, 4, '0'),
           'demo-openid-' || lpad(n::text, 3, '0'),
           'demo-mini-openid-' || lpad(n::text, 3, '0')
    FROM chosen
    RETURNING id, mp_openid
)
INSERT INTO membership (community_id, household_id, resident_id, role, status, source, verified_at)
SELECT ch.community_id, ch.household_id, p.id,
       CASE WHEN ch.n <= 30 THEN 'OWNER' ELSE 'TENANT' END, 'VERIFIED', 'STAFF', now()
FROM chosen ch JOIN people p ON p.mp_openid = 'demo-openid-' || lpad(ch.n::text, 3, '0');
