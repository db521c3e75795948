-- pay_percentiles: P10, P25, P50, P75 and P90 of base salary and of total comp, with n.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
with filtered as (
    select base_salary, total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
),

long as (
    unpivot filtered on base_salary, total_comp into name measure value amount
)

select
    measure,
    count(*) as n,
    quantile_cont(amount, 0.10) as p10,
    quantile_cont(amount, 0.25) as p25,
    quantile_cont(amount, 0.50) as p50,
    quantile_cont(amount, 0.75) as p75,
    quantile_cont(amount, 0.90) as p90,
from long
group by measure
order by measure desc
