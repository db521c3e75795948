-- offer_market_band: n, P10 to P90 of base salary and of total comp, both at the target
--   percentile, and the mean base, bonus and equity, for the offer's market cell.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
--   $target_percentile (double, 25 to 90)
with cell as (
    select base_salary, bonus, equity, total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
)

select
    count(*) as n,
    quantile_cont(base_salary, 0.10) as base_salary_p10,
    quantile_cont(base_salary, 0.25) as base_salary_p25,
    quantile_cont(base_salary, 0.50) as base_salary_p50,
    quantile_cont(base_salary, 0.75) as base_salary_p75,
    quantile_cont(base_salary, 0.90) as base_salary_p90,
    quantile_cont(total_comp, 0.10) as total_comp_p10,
    quantile_cont(total_comp, 0.25) as total_comp_p25,
    quantile_cont(total_comp, 0.50) as total_comp_p50,
    quantile_cont(total_comp, 0.75) as total_comp_p75,
    quantile_cont(total_comp, 0.90) as total_comp_p90,
    quantile_cont(base_salary, $target_percentile / 100) as base_salary_at_target,
    quantile_cont(total_comp, $target_percentile / 100) as total_comp_at_target,
    avg(base_salary) as mean_base_salary,
    avg(bonus) as mean_bonus,
    avg(equity) as mean_equity,
from cell
