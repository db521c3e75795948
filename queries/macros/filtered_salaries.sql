-- filtered_salaries: the salary records that match the global filters. list_contains plans
-- faster than = any(list), and role, the first sort key, prunes row groups as a plain equality.
-- params: p_path (varchar, the Parquet file), p_role (varchar; null = all roles),
--   p_level, p_city, p_metro, p_country, p_work_arrangement, p_industry, p_company_size
--   (varchar[]; empty = all), p_year_min, p_year_max (integer; null = no bound)
create or replace macro filtered_salaries(
    p_path, p_role, p_level, p_city, p_metro, p_country, p_work_arrangement, p_industry,
    p_company_size, p_year_min, p_year_max
) as table
select *
from read_parquet(p_path)
where (p_role is null or role = p_role)
    and (len(p_level) = 0 or list_contains(p_level, level))
    and (len(p_city) = 0 or list_contains(p_city, city))
    and (len(p_metro) = 0 or list_contains(p_metro, metro))
    and (len(p_country) = 0 or list_contains(p_country, country))
    and (len(p_work_arrangement) = 0 or list_contains(p_work_arrangement, work_arrangement))
    and (len(p_industry) = 0 or list_contains(p_industry, industry))
    and (len(p_company_size) = 0 or list_contains(p_company_size, company_size))
    and (p_year_min is null or year >= p_year_min)
    and (p_year_max is null or year <= p_year_max)
