"""Each role's pages: a page is open to its roles only, and the agency pages hide what is out of
scope (404) from the audit administrator and other users' records from an agency administrator."""

from __future__ import annotations

import re

import pytest


def main_part(response) -> str:
    """The page without its header and footer (the footer names 示范市司法局)."""
    return re.search(r"<main.*?</main>", response.content.decode(), re.S).group(0)


@pytest.mark.parametrize(
    ("username", "path", "status"),
    [
        ("sysadmin", "/ledger/", 403),
        ("sysadmin", "/users/", 200),
        ("sysadmin", "/calendar/", 200),
        ("secadmin", "/users/", 200),
        ("secadmin", "/calendar/", 403),
        ("auditadmin", "/ledger/", 200),
        ("auditadmin", "/users/", 403),
        ("auditadmin", "/calendar/", 403),
        ("scjg_zhang", "/users/", 403),
        ("scjg_zhang", "/ledger/", 403),
        ("scjg_admin", "/users/", 403),
        ("qy_demo", "/ledger/", 403),
    ],
)
def test_it_keeps_each_page_to_its_roles(demo, client, username, path, status):
    client.force_login(demo[username])
    assert client.get(path).status_code == status


def test_it_hides_every_agency_from_the_audit_administrator(demo, agencies, client):
    client.force_login(demo["auditadmin"])
    for agency in agencies.values():
        assert client.get(f"/agencies/{agency.pk}/").status_code == 404
    listing = client.get("/agencies/")
    assert listing.context["page"].paginator.count == 0
    assert not any(a.name in main_part(listing) for a in agencies.values())
    client.force_login(demo["sfj_chen"])
    assert all(a.name in main_part(client.get("/agencies/")) for a in agencies.values())


def test_it_hides_other_users_pages_from_an_agency_admin(demo, client):
    client.force_login(demo["secadmin"])
    assert client.get(f"/users/{demo['scjg_zhang'].pk}/").status_code == 200
    client.force_login(demo["scjg_admin"])
    assert client.get(f"/users/{demo['scjg_zhang'].pk}/").status_code == 403
