from tests.sandbox.catalogue.conftest import (  # noqa: F401  (fixtures shared with the catalogue tests)
    artisan,
    artisan_attribute,
    artisan_type,
    category,
    ceramics,
    manager_token,
    material,
    tajine,
)
