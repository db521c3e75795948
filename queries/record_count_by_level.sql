-- record_count_by_level: how many records each level has in the selection (a probe that
--   chooses a salary structure's market, not a figure).
-- params: $path (the Parquet file), $filters (the global filters, a struct) and $aging (the
--   amounts' aging, null = as reported): see macros/filtered_salaries.sql
select level, count(*) as n,
from filtered_salaries($path, $filters, $aging)
group by level
order by level
