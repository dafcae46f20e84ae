"""A shopper's browser without JavaScript: a requests session that reads pages and posts
their forms (with the CSRF token the page carries)."""

import re
from dataclasses import dataclass, field
from html import unescape

import requests


@dataclass
class Shopper:
    base_url: str
    session: requests.Session = field(default_factory=requests.Session)

    def get(self, path: str, **kwargs: object) -> requests.Response:
        return self.session.get(self.base_url + path, timeout=60, **kwargs)  # type: ignore[arg-type]

    def post(self, path: str, data: dict[str, str], **kwargs: object) -> requests.Response:
        token = self.session.cookies.get("souk_theme_csrftoken") or csrf_token(self.get(path))
        return self.session.post(
            self.base_url + path,
            data={"csrfmiddlewaretoken": token, **data},
            headers={"Referer": self.base_url + path},
            timeout=60,
            **kwargs,  # type: ignore[arg-type]
        )


def csrf_token(response: requests.Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', response.text)
    return match.group(1) if match else ""


def main_text(response: requests.Response) -> str:
    """The page's <main> as text: tags dropped, entities decoded, spaces collapsed."""
    match = re.search(r"<main.*?</main>", response.text, re.S)
    html = match.group(0) if match else response.text
    return re.sub(r"[ \t\r\n]+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def links(response: requests.Response, prefix: str) -> list[str]:
    return re.findall(rf'href="({re.escape(prefix)}[^"]*)"', response.text)


def values(response: requests.Response, name: str) -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]+)"', response.text)
