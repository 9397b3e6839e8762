-- Site-level rows of _org_day: the site-day statistics (day grain, every breakdown) and the
-- site-hour ones (totals) of sites in org, between the local days $1 and $2 (site-days) and
-- $3 and $4 (site-hours), for sites under an affected org.
SELECT d.indicator_id, d.site_code AS org_code, 'site' AS org_level, d.day, NULL::TIMESTAMP AS hour_start,
  d.dimension, d.category, d.numerator, d.denominator, d.sum_squares
FROM indicator_site_day d
SEMI JOIN _affected_site s ON s.site_code = d.site_code
WHERE d.day BETWEEN $1::DATE AND $2::DATE
UNION ALL
SELECT h.indicator_id, h.site_code, 'site', h.day, h.hour_start, 'total', 'all', h.numerator, h.denominator, h.sum_squares
FROM indicator_site_hour h
SEMI JOIN _affected_site s ON s.site_code = h.site_code
WHERE h.day BETWEEN $3::DATE AND $4::DATE
