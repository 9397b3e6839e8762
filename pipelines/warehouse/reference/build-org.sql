-- The national organisation hierarchy: ENG, the 7 regions, the 42 ICBs, every open NHS trust
-- in the ODS extract, and every other provider that reports in the MSitAE files.
-- Parameters: $1 ODS trusts (etr), $2 ODS CCG/sub-ICB (eccg), $3 ONS ICB lookup,
-- $4 MSitAE files (list of paths), $5 June 2025 provider→ICB mapping, $6 June 2025 ICB lookup,
-- $7 region code/name pairs as a JSON array.
WITH
regions AS (
  SELECT r->>'code' AS code, r->>'name' AS name FROM (SELECT unnest(from_json($7::JSON, '["JSON"]')) AS r)
),
region_alias AS (
  SELECT code, name, alias FROM (SELECT r->>'code' AS code, r->>'name' AS name, unnest(from_json(r->'aliases', '["VARCHAR"]')) AS alias
    FROM (SELECT unnest(from_json($7::JSON, '["JSON"]')) AS r))
),
etr AS (
  SELECT column00 AS code, trim(column01) AS name, column02 AS region, column03 AS icb, column11 AS closed
  FROM read_csv($1, header = false, all_varchar = true)
),
eccg AS (
  SELECT column02 AS region, column03 AS icb, column11 AS closed
  FROM read_csv($2, header = false, all_varchar = true)
),
ons AS (
  SELECT ICB24CD AS ons_code, ICB24CDH AS icb_code, trim(ICB24NM) AS name FROM read_csv($3, all_varchar = true)
),
icb_region AS (
  -- the region most open sub-ICB locations and trusts of the ICB sit in
  SELECT icb, arg_max(region, n) AS region FROM (
    SELECT icb, region, count(*) AS n FROM (
      SELECT icb, region FROM eccg WHERE closed IS NULL AND icb IS NOT NULL AND region IS NOT NULL
      UNION ALL SELECT icb, region FROM etr WHERE closed IS NULL AND icb IS NOT NULL AND region IS NOT NULL
    ) GROUP BY icb, region
  ) GROUP BY icb
),
icbs AS (
  SELECT ons.icb_code AS org_code, ons.name AS org_name, 'ics' AS org_type, r.region AS parent_code,
         NULL AS trust_code, ons.icb_code AS ics_code, r.region AS region_code, ons.ons_code
  FROM ons LEFT JOIN icb_region r ON r.icb = ons.icb_code
),
trusts AS (
  SELECT code AS org_code, name AS org_name, 'trust' AS org_type, icb AS parent_code, code AS trust_code,
         icb AS ics_code, region AS region_code, NULL AS ons_code
  FROM etr WHERE closed IS NULL AND icb IN (SELECT org_code FROM icbs)
),
msitae AS (
  SELECT upper(trim("Org Code")) AS code, trim("Org name") AS name, trim("Parent Org") AS parent_org,
         strptime(regexp_extract(trim(Period), '^MSitAE-([A-Za-z]+)-(\d{4})$', 2) || '-' ||
                  regexp_extract(trim(Period), '^MSitAE-([A-Za-z]+)-(\d{4})$', 1), '%Y-%B') AS period
  FROM read_csv($4, header = true, all_varchar = true, union_by_name = true)
  WHERE upper(trim("Org Code")) <> 'TOTAL'
),
msitae_latest AS (
  SELECT code, arg_max(name, period) AS name, arg_max(parent_org, period) AS parent_org FROM msitae GROUP BY code
),
mapping AS (
  SELECT upper(trim(m.org_code)) AS code, any_value(l.icb_code) AS icb_code
  FROM read_csv($5, all_varchar = true) m
  JOIN read_csv($6, all_varchar = true) l ON lower(trim(l.icb_name)) = lower(trim(m.icb_name))
  GROUP BY 1
),
other_providers AS (
  SELECT p.code AS org_code, p.name AS org_name, 'trust' AS org_type,
         coalesce(e.icb, mp.icb_code, ra.code) AS parent_code, p.code AS trust_code,
         coalesce(e.icb, mp.icb_code) AS ics_code, coalesce(e.region, ra.code) AS region_code, NULL AS ons_code
  FROM msitae_latest p
  LEFT JOIN etr e ON e.code = p.code
  LEFT JOIN mapping mp ON mp.code = p.code
  LEFT JOIN region_alias ra ON ra.alias = upper(regexp_replace(p.parent_org, '\s+', ' ', 'g'))
  WHERE p.code NOT IN (SELECT org_code FROM trusts)
)
SELECT org_code, org_name, org_type, parent_code, trust_code, ics_code, region_code, ons_code,
       NULL AS department_type, false AS is_synthetic
FROM (
  SELECT 'ENG' AS org_code, 'England' AS org_name, 'england' AS org_type, NULL AS parent_code, NULL AS trust_code,
         NULL AS ics_code, NULL AS region_code, NULL AS ons_code, 0 AS level
  UNION ALL SELECT code, name, 'region', 'ENG', NULL, NULL, code, NULL, 1 FROM regions
  UNION ALL SELECT *, 2 FROM icbs
  UNION ALL SELECT *, 3 FROM trusts
  UNION ALL SELECT *, 3 FROM other_providers
)
ORDER BY level, org_code
