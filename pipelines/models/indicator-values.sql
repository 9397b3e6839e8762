-- indicator_value rows from the rolled-up statistics in _rolled, by the indicator's kind
-- (indicator_registry.kind): proportion → Wilson; count → exact Poisson / Byar; mean → normal
-- interval from Σx²; stock → mean daily level over the days with data; ratio → Σn / Σd.
SELECT r.indicator_id, r.org_code, r.grain, r.period_start, r.dimension, r.category,
  r.numerator,
  CASE g.kind WHEN 'count' THEN NULL WHEN 'stock' THEN r.days ELSE r.denominator END AS denominator,
  CASE g.kind
    WHEN 'count' THEN r.numerator
    WHEN 'stock' THEN r.numerator / r.days
    ELSE r.numerator / r.denominator END AS value,
  CASE g.kind
    WHEN 'proportion' THEN wilson_lower(r.numerator, r.denominator)
    WHEN 'count' THEN poisson_lower(r.numerator)
    WHEN 'mean' THEN r.numerator / r.denominator - mean_half_width(r.denominator, r.numerator, r.sum_squares)
    END AS lower,
  CASE g.kind
    WHEN 'proportion' THEN wilson_upper(r.numerator, r.denominator)
    WHEN 'count' THEN poisson_upper(r.numerator)
    WHEN 'mean' THEN r.numerator / r.denominator + mean_half_width(r.denominator, r.numerator, r.sum_squares)
    END AS upper
FROM _rolled r
JOIN indicator_registry g ON g.indicator_id = r.indicator_id
WHERE g.kind IN ('proportion', 'count', 'mean', 'stock', 'ratio')
  AND (r.dimension = 'total' OR list_contains(g.breakdowns, r.dimension))
  AND (g.kind IN ('count', 'stock') OR r.denominator > 0)
