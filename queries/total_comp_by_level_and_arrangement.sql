-- total_comp_by_level_and_arrangement: per level and work arrangement, n, mean, P25, median
--   and P75 of total comp (the interquartile range gives a large group's median its interval).
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
with filtered as (
    select level, work_arrangement, total_comp
    from filtered_salaries($path, $filters, $aging)
),

grouped as (
    select
        level,
        work_arrangement,
        count(*) as n,
        avg(total_comp) as mean,
        quantile_cont(total_comp, [0.25, 0.50, 0.75]) as q,
    from filtered
    group by level, work_arrangement
)

select level, work_arrangement, n, mean, q[1] as p25, q[2] as median, q[3] as p75,
from grouped
order by level, work_arrangement
