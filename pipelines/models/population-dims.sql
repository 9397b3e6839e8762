-- Resident population of each ICS and region by every breakdown (the rate denominators):
-- population × lsoa (IMD decile, ICS) → the ICS's region from org.
WITH pop AS (
  SELECT l.ics_code, o.region_code,
    CAST(l.imd_decile AS VARCHAR) AS imd_decile,
    CAST((l.imd_decile + 1) // 2 AS VARCHAR) AS imd_quintile,
    CASE WHEN l.imd_decile <= 2 THEN 'Core20' ELSE 'Rest' END AS core20,
    p.ethnic_group, p.age_band, p.sex, p.persons
  FROM population p
  JOIN lsoa l ON l.lsoa_code = p.lsoa_code
  LEFT JOIN org o ON o.org_code = l.ics_code
  WHERE l.ics_code IS NOT NULL
),
levels AS (
  SELECT * EXCLUDE (ics_code, region_code), ics_code AS org_code FROM pop
  UNION ALL
  SELECT * EXCLUDE (ics_code, region_code), region_code FROM pop WHERE region_code IS NOT NULL
)
SELECT org_code,
  CASE
    WHEN GROUPING(imd_decile) = 0 THEN 'imd_decile'
    WHEN GROUPING(imd_quintile) = 0 THEN 'imd_quintile'
    WHEN GROUPING(core20) = 0 THEN 'core20'
    WHEN GROUPING(ethnic_group) = 0 THEN 'ethnic_group'
    WHEN GROUPING(age_band) = 0 THEN 'age_band'
    WHEN GROUPING(sex) = 0 THEN 'sex'
    ELSE 'total' END AS dimension,
  coalesce(imd_decile, imd_quintile, core20, ethnic_group, age_band, sex, 'all') AS category,
  CAST(sum(persons) AS DOUBLE) AS persons
FROM levels
GROUP BY GROUPING SETS ((org_code), (org_code, imd_decile), (org_code, imd_quintile), (org_code, core20),
  (org_code, ethnic_group), (org_code, age_band), (org_code, sex))
