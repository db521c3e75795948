-- filtered_records: the records behind the current filters, highest total comp first, at most
-- $limit of them; amounts in whole dollars (aged ones rounded, total comp the sum of its parts).
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
--   $limit (integer, the most rows to return)
select
    record_id, role, level, city, state, metro, country, work_arrangement, industry,
    company_size, year,
    round(base_salary)::integer as base_salary,
    round(bonus)::integer as bonus,
    round(equity)::integer as equity,
    (round(base_salary) + round(bonus) + round(equity))::integer as total_comp,
    source,
from filtered_salaries($path, $filters, $aging)
order by total_comp desc, record_id
limit $limit
