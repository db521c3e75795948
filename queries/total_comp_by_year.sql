-- total_comp_by_year: total comp P25, median and P75 per year, with n.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
with filtered as (
    select year, total_comp
    from filtered_salaries($path, $filters, $aging)
),

by_year as (
    select
        year,
        count(*) as n,
        quantile_cont(total_comp, [0.25, 0.50, 0.75]) as q,
    from filtered
    group by year
)

select year, n, q[1] as p25, q[2] as median, q[3] as p75,
from by_year
order by year
