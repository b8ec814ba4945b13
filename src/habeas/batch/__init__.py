"""Ingesting whole archives: a cheap pre-filter, and extraction spread over a Dask cluster."""
