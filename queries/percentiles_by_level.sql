-- percentiles_by_level: total comp P10 to P90 per level, with n.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
with filtered as (
    select level, total_comp
    from filtered_salaries($path, $filters, $aging)
),

by_level as (
    select
        level,
        count(*) as n,
        quantile_cont(total_comp, [0.10, 0.25, 0.50, 0.75, 0.90]) as q,
    from filtered
    group by level
)

select level, n, q[1] as p10, q[2] as p25, q[3] as p50, q[4] as p75, q[5] as p90,
from by_level
order by level
