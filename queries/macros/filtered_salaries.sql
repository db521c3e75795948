-- filtered_salaries: the salary records that match the global filters, their amounts aged to
-- the view's effective date. list_contains plans faster than = any(list), and role, the first
-- sort key, prunes row groups as a plain equality.
-- params: p_path (varchar, the Parquet file), p_filters (a struct with one field per global
--   filter, as paybench.query.filters.Filters.sql_params() makes it: role (varchar; null = all
--   roles); level, city, metro, country, work_arrangement, industry, company_size (varchar[];
--   empty = all); year_min, year_max (integer; null = no bound)). A new filter is a field here,
--   in Filters and in the catalog; no query file changes.
--   p_aging: null (amounts as reported) or a struct {first_year, factors} whose factors[i] is
--   what the amounts of year first_year + i - 1 are multiplied by (paybench/domain/aging.py).
create or replace macro filtered_salaries(p_path, p_filters, p_aging) as table
select
    -- as reported, the amounts pass through (the condition is a constant, folded at planning)
    * replace (
        case when p_aging is null then base_salary::double
            else base_salary * p_aging['factors'][year - p_aging['first_year'] + 1]
        end as base_salary,
        case when p_aging is null then bonus::double
            else bonus * p_aging['factors'][year - p_aging['first_year'] + 1]
        end as bonus,
        case when p_aging is null then equity::double
            else equity * p_aging['factors'][year - p_aging['first_year'] + 1]
        end as equity,
        case when p_aging is null then total_comp::double
            else total_comp * p_aging['factors'][year - p_aging['first_year'] + 1]
        end as total_comp
    )
from read_parquet(p_path)
where (p_filters['role'] is null or role = p_filters['role'])
    and (len(p_filters['level']) = 0 or list_contains(p_filters['level'], level))
    and (len(p_filters['city']) = 0 or list_contains(p_filters['city'], city))
    and (len(p_filters['metro']) = 0 or list_contains(p_filters['metro'], metro))
    and (len(p_filters['country']) = 0 or list_contains(p_filters['country'], country))
    and (len(p_filters['work_arrangement']) = 0
        or list_contains(p_filters['work_arrangement'], work_arrangement))
    and (len(p_filters['industry']) = 0 or list_contains(p_filters['industry'], industry))
    and (len(p_filters['company_size']) = 0
        or list_contains(p_filters['company_size'], company_size))
    and (p_filters['year_min'] is null or year >= p_filters['year_min'])
    and (p_filters['year_max'] is null or year <= p_filters['year_max'])
