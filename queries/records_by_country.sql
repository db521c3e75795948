-- records_by_country: how many records of the selection each country has (the employee's
--   country), most first; records without a country count under null.
-- params: $path (the Parquet file), $aging (the amounts' aging, null = as reported) and
--   $filters (the global filters, a struct: see macros/filtered_salaries.sql)
select country, count(*) as n
from filtered_salaries($path, $filters, $aging)
group by country
order by n desc, country
