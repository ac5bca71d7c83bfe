"""``{% confirm_attr obj "action" %}``: the ``data-confirm`` attribute of a button whose action
cannot be undone, its question taken from the object's workflow table (``Step.confirm``), so
the page asks what the table says and the API lists (``zhifa/static/zhifa/zhifa.js`` asks it)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from zhifa.core import workflow

register = template.Library()


@register.simple_tag
def confirm_attr(obj: Any, action: str) -> SafeString:
    text = workflow.confirmation(obj, action) if obj is not None else ""
    return format_html(' data-confirm="{}"', text) if text else SafeString("")
