-- filtered_records_semi_join: filtered_records with late materialisation by key: the top
--   $limit record ids from the sort columns alone, then those records read whole. Same rows as
--   filtered_records (tools/percentile_variants.py checks).
-- params: $path, $filters, $aging (macros/filtered_salaries.sql), $limit (integer)
with top as (
    select record_id
    from filtered_salaries($path, $filters, $aging)
    order by (round(base_salary) + round(bonus) + round(equity)) desc, record_id
    limit $limit
)

select
    record_id, role, level, city, state, metro, country, work_arrangement, industry,
    company_size, year,
    round(base_salary)::integer as base_salary,
    round(bonus)::integer as bonus,
    round(equity)::integer as equity,
    (round(base_salary) + round(bonus) + round(equity))::integer as total_comp,
    source,
from filtered_salaries($path, $filters, $aging)
where record_id in (select record_id from top)
order by 15 desc, record_id
