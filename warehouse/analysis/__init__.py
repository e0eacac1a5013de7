"""Analysis of the warehouse: marts into Polars, the shared charts, the offline base map."""
