-- live_ward rows: each ward's core beds, patients on it now (ADT spells admitted there) and
-- free core beds (never below 0), at its site's data clock from live_site.
SELECT w.ward_code, w.site_code, w.bed_type, w.core_beds,
  CAST(count(p.spell_id) AS INTEGER) AS occupied,
  CAST(greatest(w.core_beds - count(p.spell_id), 0) AS INTEGER) AS free,
  l.as_at
FROM ward w
JOIN live_site l ON l.site_code = w.site_code
LEFT JOIN spell p ON p.ward_code = w.ward_code AND p.status = 'admitted'
GROUP BY w.ward_code, w.site_code, w.bed_type, w.core_beds, l.as_at
