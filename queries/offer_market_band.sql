-- offer_market_band: n, P10 to P90 of base salary and of total comp, both at the target
--   percentile, and the mean base, bonus and equity, for the offer's market cell.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
--   $target_percentile (double, 25 to 90), $interval_quantiles (double[6]: the probabilities at
--   which quantile_cont lands on the lower and upper rank of the 95% interval of P25, P50 and
--   P75, paybench.domain.stats.interval_quantiles)
with cell as (
    select base_salary, bonus, equity, total_comp
    from filtered_salaries($path, $filters, $aging)
),

-- one list of quantiles per measure: one sort each, where separate calls sort every time
quantiles as (
    select
        count(*) as n,
        quantile_cont(base_salary, list_concat([0.10, 0.25, 0.50, 0.75, 0.90,
                                                $target_percentile / 100], $interval_quantiles))
            as base,
        quantile_cont(total_comp, list_concat([0.10, 0.25, 0.50, 0.75, 0.90,
                                               $target_percentile / 100], $interval_quantiles))
            as total,
        avg(base_salary) as mean_base_salary,
        avg(bonus) as mean_bonus,
        avg(equity) as mean_equity,
    from cell
)

select
    n,
    base[1] as base_salary_p10,
    base[2] as base_salary_p25,
    base[3] as base_salary_p50,
    base[4] as base_salary_p75,
    base[5] as base_salary_p90,
    total[1] as total_comp_p10,
    total[2] as total_comp_p25,
    total[3] as total_comp_p50,
    total[4] as total_comp_p75,
    total[5] as total_comp_p90,
    base[6] as base_salary_at_target,
    total[6] as total_comp_at_target,
    base[7:12] as base_salary_interval_bounds,
    total[7:12] as total_comp_interval_bounds,
    mean_base_salary,
    mean_bonus,
    mean_equity,
from quantiles
