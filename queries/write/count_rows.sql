-- count_rows: how many records a Parquet file holds.
-- params: $file (the Parquet file)
select count(*) as n from read_parquet($file)
