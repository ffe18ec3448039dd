"""A page one's role may not open (issue 16.6): a browser opening it lands on the role's home
page with a short notice; scripts (JSON routes, requests that do not ask for HTML) and forms
still get 403."""

from __future__ import annotations

import pytest

from desk.roles import HOME_BY_ROLE
from tests.resources.desk_testkit import add_review_document, add_users, make_env, signed_in

HTML = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
NOTICE = "That page is not open to your role; you are on your home page."


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    env = make_env(tmp_path_factory.mktemp("web-home"))
    add_users(env.engine, phil="physician", scanner1="scanning-station", otto="auditor", rita="records-staff")
    add_review_document(env.engine, "d1", patient_id="P1")
    return env


@pytest.mark.parametrize("user,path", [("phil", "/queue"), ("phil", "/documents/d1"), ("scanner1", "/queue"),
                                       ("scanner1", "/patients"), ("otto", "/upload"), ("rita", "/signatures")])
def test_a_browser_is_sent_home_with_a_notice(env, user, path):
    client, _ = signed_in(env.app, user)
    resp = client.get(path, headers=HTML)
    role = {"phil": "physician", "scanner1": "scanning-station", "otto": "auditor", "rita": "records-staff"}[user]
    assert resp.status_code == 303
    assert resp.headers["location"] == f"{HOME_BY_ROLE[role]}?notice=not-allowed"
    home = client.get(resp.headers["location"], headers=HTML)
    assert home.status_code == 200 and NOTICE in home.text


def test_scripts_and_forms_still_get_403(env):
    client, csrf = signed_in(env.app, "otto")
    assert client.get("/queue").status_code == 403  # no text/html asked for
    assert client.get(f"/uploads/{'a' * 64}/status", headers=HTML).status_code == 403  # a JSON route
    assert client.post("/documents/d1/approve", data={"csrf": csrf}, headers=HTML).status_code == 403


def test_a_notice_the_table_does_not_know_shows_nothing(env):
    client, _ = signed_in(env.app, "rita")
    page = client.get("/queue?notice=<b>hello</b>", headers=HTML)
    assert page.status_code == 200 and "hello" not in page.text and 'class="notice"' not in page.text
