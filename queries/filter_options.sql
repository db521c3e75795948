-- filter_options: every value each filterable dimension takes in the dataset, with its count,
--   read from the summary the file carries in its Parquet footer (written with the file by
--   this app). No row when the file has no such footer: filter_options_scanned then counts.
-- params: $path (the Parquet file)
with footer as (
    select decode(value) as summary
    from parquet_kv_metadata($path)
    where decode(key) = 'paybench_summary'
),

options as (
    select unnest(from_json(
        summary -> 'filter_options',
        '[{"dimension": "VARCHAR", "value": "VARCHAR", "n": "BIGINT"}]'
    )) as option
    from footer
)

select option.dimension as dimension, option.value as value, option.n as n,
from options
order by dimension, value
