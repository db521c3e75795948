-- pay_percentiles_in_sql: the percentile table as DuckDB computed it before issue 16 (P10, P25, P50, P75 and P90 of base salary and of total comp, with n, and the
--   values at the interval ranks of P25, P50 and P75 (the 95% intervals' bounds)): one
--   quantile_cont per measure, in one query. For tools/percentile_variants.py.
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
--   $interval_quantiles (double[6]: the probabilities at which quantile_cont lands on the
--   lower and upper rank of each interval, paybench.domain.stats.interval_quantiles)
with filtered as (
    select base_salary, total_comp
    from filtered_salaries($path, $filters, $aging)
),

-- one list of quantiles per measure: one sort each, where separate calls sort every time
quantiles as (
    select
        count(*) as n,
        quantile_cont(total_comp, list_concat([0.10, 0.25, 0.50, 0.75, 0.90],
                                              $interval_quantiles)) as total_comp,
        quantile_cont(base_salary, list_concat([0.10, 0.25, 0.50, 0.75, 0.90],
                                               $interval_quantiles)) as base_salary,
    from filtered
)

select 'total_comp' as measure, n, total_comp[1] as p10, total_comp[2] as p25,
    total_comp[3] as p50, total_comp[4] as p75, total_comp[5] as p90,
    total_comp[6:11] as interval_bounds,
from quantiles
union all
select 'base_salary' as measure, n, base_salary[1] as p10, base_salary[2] as p25,
    base_salary[3] as p50, base_salary[4] as p75, base_salary[5] as p90,
    base_salary[6:11] as interval_bounds,
from quantiles
order by measure = 'base_salary', measure
