-- headline_total_comp: record count, mean and median total comp for the current filters.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
with filtered as (
    select total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
)

select
    count(*) as n,
    avg(total_comp) as mean_total_comp,
    median(total_comp) as median_total_comp,
from filtered
