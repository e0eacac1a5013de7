-- The raw layer: what ingest landed, as landed. dbt reads only these tables
-- (as sources) and only rows of completed loads. No constraints here: ingest
-- enforces uniqueness itself and dbt's staging tests check it; indexes would slow
-- bulk loads and DuckDB cannot delete and re-insert one key in one transaction.
create schema if not exists raw;

-- One row per ingest of one file: the ledger. status is 'running' until the load's
-- transaction commits, then 'completed'; 'failed' with an error, or 'interrupted'
-- when a later writer finds a 'running' row whose process died.
create table if not exists raw.loads (
    load_id varchar not null,
    source_file varchar not null,
    file_sha256 varchar not null,
    file_bytes bigint,
    status varchar not null,
    started_at timestamptz not null,
    finished_at timestamptz,
    records_read integer,
    records_loaded integer,
    records_quarantined integer,
    records_inserted integer,
    records_replaced integer,
    records_unchanged integer,
    records_superseded integer,
    error varchar
);

-- One row per (article, extractor): the newest valid extraction record, normalised
-- by the contract models (every field present, codes upper-case) and stored whole.
create table if not exists raw.extraction_records (
    article_id varchar not null,
    extractor_name varchar not null,
    extractor_version varchar not null,
    extracted_at timestamptz not null,
    record_sha256 varchar not null,
    load_id varchar not null,
    source_file varchar not null,
    line_number integer not null,
    record json not null
);

-- One row per rejected line: the line as read and why, so that nothing is lost.
create table if not exists raw.quarantine (
    load_id varchar not null,
    source_file varchar not null,
    line_number integer not null,
    raw_line varchar,
    reason varchar not null,
    quarantined_at timestamptz not null
);
