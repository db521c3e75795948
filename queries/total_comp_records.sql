-- total_comp_records: the level, work arrangement and total comp of every record in the selection
--   (the raw values a bootstrap interval resamples).
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
select level, work_arrangement, total_comp
from filtered_salaries(
    $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
    $company_size, $year_min, $year_max
)
order by level, work_arrangement, total_comp
