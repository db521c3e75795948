-- total_comp_by_year: total comp P25, median, P75 and mean per year, with n.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
with filtered as (
    select year, total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
)

select
    year,
    count(*) as n,
    quantile_cont(total_comp, 0.25) as p25,
    median(total_comp) as median,
    quantile_cont(total_comp, 0.75) as p75,
    avg(total_comp) as mean,
from filtered
group by year
order by year
