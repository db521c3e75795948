-- structure_market_by_level: per level of a salary structure's market: n, P10 to P90 of base
--   salary, the base salary at the midpoint percentile, the median total comp, and the mean
--   base, bonus and equity.
-- params: $path (the Parquet file), $filters (the global filters, a struct: see
--   macros/filtered_salaries.sql)
--   $midpoint_percentile (double, 25 to 90: where in the market each level's midpoint sits)
with cell as (
    select level, base_salary, bonus, equity, total_comp
    from filtered_salaries($path, $filters)
),

-- one list of quantiles per level: one sort, where separate calls sort every time
by_level as (
    select
        level,
        count(*) as n,
        quantile_cont(base_salary, [0.10, 0.25, 0.50, 0.75, 0.90, $midpoint_percentile / 100])
            as base,
        quantile_cont(total_comp, 0.50) as total_comp_p50,
        avg(base_salary) as mean_base_salary,
        avg(bonus) as mean_bonus,
        avg(equity) as mean_equity,
    from cell
    group by level
)

select
    level,
    n,
    base[1] as base_salary_p10,
    base[2] as base_salary_p25,
    base[3] as base_salary_p50,
    base[4] as base_salary_p75,
    base[5] as base_salary_p90,
    base[6] as base_salary_at_midpoint,
    total_comp_p50,
    mean_base_salary,
    mean_bonus,
    mean_equity,
from by_level
order by level
