-- structure_market_by_level: per level of a salary structure's market: n, P25, P50 and P75 of
--   base salary, and the base salary at the midpoint percentile.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
--   $midpoint_percentile (double, 25 to 90: where in the market each level's midpoint sits)
with cell as (
    select level, base_salary
    from filtered_salaries($path, $filters, $aging)
),

-- one list of quantiles per level: one sort, where separate calls sort every time
by_level as (
    select
        level,
        count(*) as n,
        quantile_cont(base_salary, [0.25, 0.50, 0.75, $midpoint_percentile / 100]) as base,
    from cell
    group by level
)

select
    level,
    n,
    base[1] as base_salary_p25,
    base[2] as base_salary_p50,
    base[3] as base_salary_p75,
    base[4] as base_salary_at_midpoint,
from by_level
order by level
