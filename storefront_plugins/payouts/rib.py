"""Moroccan RIB (relevé d'identité bancaire): 24 digits, pure checks.

bank code (3) + city code (3) + account number (16) + key (2), where
key = 97 - (first 22 digits as a number * 100) mod 97; the same 24 digits make the Moroccan
IBAN `MA` + check digits + RIB (e.g. MA64 0115 1900 0001 2050 0053 4921).
"""

import re

RIB_LENGTH = 24
_SEPARATORS = re.compile(r"[\s.-]")


def normalize_rib(value: str) -> str:
    """Spaces, dots and dashes removed (RIBs are often printed in groups)."""
    return _SEPARATORS.sub("", value)


def rib_key(first_22_digits: str) -> int:
    return 97 - (int(first_22_digits) * 100) % 97


def is_valid_rib(value: str) -> bool:
    rib = normalize_rib(value)
    if len(rib) != RIB_LENGTH or not rib.isascii() or not rib.isdigit():
        return False
    return rib_key(rib[:22]) == int(rib[22:])
