-- copy_with_summary: writes a dataset file again with its summary (filter options and
--   dataset summary, as JSON) and its provenance in the Parquet footer, rows in the same order.
-- params: $source (the Parquet file), $summary (JSON text), $provenance (JSON text: name,
--   title, kind, source, licence, method, made_on), $output (the file to write)
copy (
    select * from read_parquet($source)
) to $output (
    format parquet, compression snappy, row_group_size 100000,
    kv_metadata {paybench_summary: $summary, paybench_provenance: $provenance}
)
