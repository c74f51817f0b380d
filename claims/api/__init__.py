"""The public REST API (``/api/v1/``): translation between HTTP and the record, nothing more.

One concept per module: ``authentication`` (bearer tokens), ``tokens`` (issuing and revoking
them), ``permissions`` (scopes and roles), ``throttling``, ``ratelimit_headers``
(``RateLimit-*``), ``cors`` (cross-origin consumer reads), ``exceptions`` (RFC 9457 problem
details for every error), ``conditional`` (ETag / Last-Modified), ``pagination``,
``renderers``, ``parsers`` (JSON depth, body size), ``ids`` (the range of an id in a path,
body or query), ``filters`` (query parameters), ``serializers``, ``schema`` (OpenAPI pieces),
``export`` (the NDJSON bulk export), ``views`` and ``urls``. Reads go through
``claims.selectors``; writes through the services.
"""
