with

source as (
    select * from {{ source('raw', 'loads') }}
),

renamed as (
    select
        ---------- ids
        load_id,
        file_sha256,

        ---------- properties
        source_file,
        status as load_status,
        error as load_error,

        ---------- numerics
        file_bytes,
        records_read,
        records_loaded,
        records_quarantined,
        records_inserted,
        records_replaced,
        records_unchanged,
        records_superseded,

        ---------- timestamps
        timezone('UTC', started_at) as started_at,
        timezone('UTC', finished_at) as finished_at

    from source
)

select * from renamed
