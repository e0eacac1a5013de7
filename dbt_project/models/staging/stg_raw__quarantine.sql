with

source as (
    select * from {{ source('raw', 'quarantine') }}
),

loads as (
    select * from {{ source('raw', 'loads') }}
),

renamed as (
    select
        ---------- ids
        load_id,

        ---------- properties
        source_file,
        line_number,
        raw_line,
        reason as quarantine_reason,

        ---------- timestamps
        timezone('UTC', quarantined_at) as quarantined_at

    from source
    -- A load that did not complete rolled its quarantine rows back; the filter keeps
    -- staging honest even if a writer ever leaves some behind.
    where load_id in (
        select completed_loads.load_id
        from loads as completed_loads
        where completed_loads.status = 'completed'
    )
)

select * from renamed
