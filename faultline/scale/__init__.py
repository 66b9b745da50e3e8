"""Scale-out: the extraction stages in a local process pool or on a Dask cluster.

Whatever runs the extraction, one process reads the input, stores the results in input order
and links incidents (``faultline.pipeline.ingest_stream``): workers never write to the store, so
SQLite needs no locking and a worker that dies loses nothing but its batch, which is run again.

- ``work``: what a worker runs, with its models loaded once per process.
- ``pool``: ``ProcessPool``, ``faultline ingest --workers N``.
- ``cluster``: ``DaskRunner`` and ``dask_client``, ``faultline batch``.
"""
