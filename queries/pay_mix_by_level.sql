-- pay_mix_by_level: mean base salary, bonus and equity per level, with n.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
with filtered as (
    select level, base_salary, bonus, equity, total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
)

select
    level,
    count(*) as n,
    avg(base_salary) as base_salary,
    avg(bonus) as bonus,
    avg(equity) as equity,
    avg(total_comp) as total_comp,
from filtered
group by level
order by level
