"""A page acting for one of the user's bodies takes the one the request names, never another."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory

from zhifa.core.scoping import chosen_or_first

pytestmark = pytest.mark.django_db


def allowed():
    return ContentType.objects.filter(app_label="org").order_by("pk")


def test_it_takes_the_named_row_from_the_query_string_or_the_form():
    second = allowed()[1]
    assert chosen_or_first(RequestFactory().get("/", {"agency": second.pk}), allowed()) == second
    posted = RequestFactory().post("/", {"agency": str(second.pk)})
    assert chosen_or_first(posted, allowed()) == second


@pytest.mark.parametrize("named", ["", "abc", "-1", "1 OR 1=1"])
def test_it_falls_back_to_the_first_for_nothing_or_garbage(named):
    assert chosen_or_first(RequestFactory().get("/", {"agency": named}), allowed()) == allowed()[0]


def test_a_row_outside_the_allowed_ones_is_never_chosen():
    outside = ContentType.objects.exclude(app_label="org").order_by("pk").first()
    request = RequestFactory().get("/", {"agency": outside.pk})
    assert chosen_or_first(request, allowed()) == allowed()[0]
