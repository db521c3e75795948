-- pay_by_city: per city: n, mean, P25, median and P75 of total comp, with its state and metro.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
-- Records without a city are left out.
with filtered as (
    select city, state, metro, total_comp
    from filtered_salaries($path, $filters, $aging)
    where city is not null
),

by_city as (
    select
        city,
        any_value(state) as state,
        any_value(metro) as metro,
        count(*) as n,
        avg(total_comp) as mean_total_comp,
        quantile_cont(total_comp, [0.25, 0.50, 0.75]) as q,
    from filtered
    group by city
)

select city, state, metro, n, mean_total_comp, q[1] as p25, q[2] as median_total_comp,
    q[3] as p75,
from by_city
order by median_total_comp desc, city
