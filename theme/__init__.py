"""The cooperative storefronts' themed frontend: a server-rendered Django project of its own
(`theme.settings`) that reads Saleor and the Souk App over GraphQL only (issue 6)."""
