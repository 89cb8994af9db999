from typing import Any

from django import template

from govcx.surveys.rendering import localized

register = template.Library()


@register.filter
def in_language(text: dict[str, str] | None, language: str) -> str:
    """A definition string in the language, falling back to English."""
    return localized(text, language)


@register.filter
def rule_text(rule: dict[str, Any] | None) -> str:
    """A readable form of a display rule, e.g. "trust in 1" or "all of (...)"."""
    if not rule:
        return ""
    for combinator in ("all", "any"):
        if combinator in rule:
            return (
                f"{combinator} of (" + "; ".join(rule_text(part) for part in rule[combinator]) + ")"
            )
    if "not" in rule:
        return f"not ({rule_text(rule['not'])})"
    values = rule.get("values") or ([rule["value"]] if "value" in rule else [])
    return " ".join([rule["question"], rule["op"].replace("_", " "), ", ".join(values)]).strip()
