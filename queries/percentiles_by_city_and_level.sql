-- percentiles_by_city_and_level: total comp P10 to P90 per compared city and level, with n.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound);
--   $cities_compare (varchar[], the cities to compare)
with filtered as (
    select city, level, total_comp
    from filtered_salaries(
        $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
    )
    where city = any($cities_compare)
)

select
    city,
    level,
    count(*) as n,
    quantile_cont(total_comp, 0.10) as p10,
    quantile_cont(total_comp, 0.25) as p25,
    quantile_cont(total_comp, 0.50) as p50,
    quantile_cont(total_comp, 0.75) as p75,
    quantile_cont(total_comp, 0.90) as p90,
from filtered
group by city, level
order by city, level
