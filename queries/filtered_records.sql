-- filtered_records: the records behind the current filters, highest total comp first, at most
-- $limit of them.
-- params: $path (the Parquet file) and the global filters: $role (varchar; null = all),
--   $level, $city, $metro, $country, $work_arrangement, $industry, $company_size
--   (varchar[]; empty = all), $year_min, $year_max (integer; null = no bound)
--   $limit (integer, the most rows to return)
select
    record_id, role, level, city, state, metro, country, work_arrangement, industry,
    company_size, year, base_salary, bonus, equity, total_comp, source,
from filtered_salaries(
    $path, $role, $level, $city, $metro, $country, $work_arrangement, $industry,
    $company_size, $year_min, $year_max
)
order by total_comp desc, record_id
limit $limit
