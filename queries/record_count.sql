-- record_count: how many records match the filters (used to find a broader cell when one is thin).
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
select count(*) as n
from filtered_salaries(
    $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
        $company_size, $year_min, $year_max
)
