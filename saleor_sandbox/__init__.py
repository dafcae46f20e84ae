"""The Saleor sandbox: an offline stand-in for the part of Saleor that Souk uses.

A separate Django project with its own settings, database, server process and Celery
queue. It speaks Saleor's GraphQL API (a subset of Saleor 3.23's schema, same names) and
its App and webhook protocol. The Souk App reaches it only over HTTP and never imports it.
"""
