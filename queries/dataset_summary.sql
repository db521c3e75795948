-- dataset_summary: row count, year range, and what the records are and where they come from,
--   read from the summary the file carries in its Parquet footer (written with the file by
--   this app). No row when the file has no such footer: dataset_summary_scanned then counts.
-- params: $path (the Parquet file)
with footer as (
    select decode(value) as summary
    from parquet_kv_metadata($path)
    where decode(key) = 'paybench_summary'
),

parsed as (
    select from_json(
        summary -> 'dataset_summary',
        '{"n": "BIGINT", "first_year": "INTEGER", "last_year": "INTEGER", "roles": "BIGINT",
          "cities": "BIGINT", "countries": "BIGINT", "sources": "VARCHAR"}'
    ) as summary
    from footer
)

select unnest(summary),
from parsed
