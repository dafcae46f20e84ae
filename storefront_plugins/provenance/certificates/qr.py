"""QR codes for Digital Link URLs, drawn by segno (pure: bytes in memory)."""

import io

import segno


def make_qr(url: str) -> segno.QRCode:
    # Level M survives a scuffed label; never a Micro QR, which phones do not read.
    return segno.make(url, error="m", micro=False, boost_error=False)


def qr_svg(url: str, *, title: str) -> bytes:
    buffer = io.BytesIO()
    make_qr(url).save(buffer, kind="svg", scale=4, border=4, title=title, xmldecl=False)
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    make_qr(url).save(buffer, kind="png", scale=8, border=4)
    return buffer.getvalue()
