"""The field errors the services raise, in the API's {field, code, message} form."""

from django.core.exceptions import ValidationError

from storefront_plugins.provenance.error_codes import ProvenanceErrorCode


def field_error(field_name: str, message: str, code: ProvenanceErrorCode) -> ValidationError:
    return ValidationError({field_name: ValidationError(message, code=code.value)})


def not_found(field_name: str, what: str) -> ValidationError:
    return field_error(field_name, f"{what} not found.", ProvenanceErrorCode.NOT_FOUND)
