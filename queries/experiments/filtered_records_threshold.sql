-- filtered_records_threshold: filtered_records with late materialisation: first the $limit-th
--   largest total comp (a top-N over one column), then only the records at or above it (less a
--   margin that covers rounding the aged parts) are read whole, sorted and cut to $limit. Same
--   rows as filtered_records (tools/percentile_variants.py checks).
-- params: $path, $filters, $aging (macros/filtered_salaries.sql), $limit (integer)
with threshold as (
    select total_comp
    from filtered_salaries($path, $filters, $aging)
    order by total_comp desc
    limit 1 offset $limit - 1
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
where total_comp >= coalesce((select total_comp from threshold) - 4, '-infinity'::double)
order by 15 desc, record_id
limit $limit
