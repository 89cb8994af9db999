from django import template
from django.forms import BoundField

register = template.Library()


@register.filter
def widget_type(field: BoundField) -> str:
    """The widget's class name in lower case, e.g. "checkboxselectmultiple"."""
    return type(field.field.widget).__name__.lower()
