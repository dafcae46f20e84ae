from django import template

register = template.Library()


@register.filter
def get_text(texts: dict[str, str], key: str) -> str:
    """`{{ t|get_text:entry.text_key }}`: a text whose key is in a variable."""
    return texts.get(key, key)


@register.filter
def format_text(template_text: str, value: object) -> str:
    """`{{ t.welcome|format_text:name }}` for texts with one `{name}`-like slot."""
    return template_text.format_map(_OneValue(value))


class _OneValue(dict):
    def __init__(self, value: object) -> None:
        super().__init__()
        self.value = value

    def __missing__(self, key: str) -> object:
        return self.value
