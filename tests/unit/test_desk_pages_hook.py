"""A package adds pages to the desk through the one list in desk/routes.py: its routes go
through the same wrapper (sign-in, role), its templates render inside the desk's layout and its
navigation link shows to the roles that may follow it."""

from __future__ import annotations

import pytest

from desk import routes
from tests.resources.desk_testkit import add_users, make_env, signed_in


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setattr(routes, "ROUTE_MODULES",
                        (*routes.ROUTE_MODULES, "tests.resources.desk_example_pages"))
    env = make_env(tmp_path)
    add_users(env.engine, otto="auditor", rita="records-staff")
    return env


def test_a_package_adds_a_page_template_and_link(env):
    otto, _ = signed_in(env.app, "otto")
    page = otto.get("/example")
    assert page.status_code == 200
    assert '<p class="greeting">hello from the example package template</p>' in page.text
    assert 'href="/example" aria-current="page"' in page.text  # the link, in the desk's layout
    assert page.headers["content-security-policy"]  # the desk's headers apply


def test_the_added_page_keeps_the_desks_checks(env):
    rita, _ = signed_in(env.app, "rita")
    assert rita.get("/example").status_code == 403
    assert 'href="/example"' not in rita.get("/queue").text
    from starlette.testclient import TestClient

    anonymous = TestClient(env.app, follow_redirects=False)
    assert anonymous.get("/example").status_code == 303
