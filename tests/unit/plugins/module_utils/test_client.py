# SPDX-License-Identifier: GPL-3.0-or-later
"""The SDX transport: retries by method and status, Retry-After, the write guard, envelopes, secrecy."""

from __future__ import annotations

import email.utils
import re
import time

import pytest

from ansible_collections.altostrat.sdx.plugins.module_utils.transport import answers as client_mod
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.client import SdxClient
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.errors import (
    CheckModeWriteRefused, SdxApiError, SdxConnectionError, SdxError)
from ansible_collections.altostrat.sdx.plugins.module_utils.transport.answers import backoff_delay, unwrap
from ansible_collections.altostrat.sdx.plugins.module_utils.version import COLLECTION_VERSION
from tests.unit.fake_api import FakeApi, Reply, closed_port

TOKEN = "alto_sk_secret_token_value_123"
KEY = {"X-Idempotency-Key": "0b6f7a52-5c1e-4f0e-9d6a-0e3c1b7f2a11"}


def make(url, sleeps=None, **kwargs):
    sleeps = [] if sleeps is None else sleeps
    kwargs.setdefault("retries", 3)
    kwargs.setdefault("rate_limit", 0)
    return SdxClient(api_url=url, api_token=TOKEN, sleep=sleeps.append, **kwargs)


@pytest.mark.parametrize("status", [429, 502, 503, 504, 500])
def test_read_is_retried_on_transient_status(status):
    with FakeApi(Reply(status, {"message": "busy"}), Reply(200, [{"id": 1}])) as api:
        assert make(api.url).get("/sites") == [{"id": 1}]
        assert len(api.received) == 2


@pytest.mark.parametrize("status", [429, 502, 503, 504])
def test_keyed_write_is_retried_on_transient_status(status):
    with FakeApi(Reply(status), Reply(201, {"id": "job"})) as api:
        assert make(api.url).post("/site/x/job", data="/log info x", headers=KEY) == {"id": "job"}
        assert len(api.received) == 2
        assert api.received[0]["headers"]["X-Idempotency-Key"] == api.received[1]["headers"]["X-Idempotency-Key"]


def test_keyed_write_is_not_retried_on_500():
    with FakeApi(Reply(500, {"type": "api_error", "code": "internal_server_error", "message": "boom"})) as api:
        with pytest.raises(SdxApiError) as err:
            make(api.url).post("/site/x/job", data="x", headers=KEY)
        assert err.value.status == 500
        assert len(api.received) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 504])
def test_write_without_key_is_never_retried(status):
    with FakeApi(Reply(status), Reply(202, {})) as api:
        with pytest.raises(SdxApiError):
            make(api.url).post("/api/asynchronous/x", json_body={"script": "x"})
        assert len(api.received) == 1


def test_a_read_marked_read_is_retried_on_500():
    with FakeApi(Reply(500), Reply(200, {"status": "success", "data": []})) as api:
        # every verb answers the payload, out of its envelope, as get does
        assert make(api.url).post("/api/facts/x", json_body={"command": "/ip/address/print"}, read=True) == []
        assert len(api.received) == 2


@pytest.mark.parametrize("status, body", [(504, "<html><title>504 Gateway Time-out</title></html>"), (502, None),
                                          (500, {"message": "Server Error"})])
def test_a_synchronous_command_the_router_does_not_answer_is_offline_and_not_retried(status, body):
    with FakeApi(Reply(status, body), Reply(200, {"status": "success", "data": []})) as api:
        with pytest.raises(SdxApiError) as caught:
            make(api.url).post("/api/synchronous/x", json_body={"command": "/ip/address/print"}, read=True)
    assert caught.value.code == "site_offline" and len(api.received) == 1


def test_a_synchronous_command_that_times_out_is_offline_and_not_retried():
    with FakeApi(Reply(200, {"status": "success", "data": []}, delay=1.0)) as api:
        with pytest.raises(SdxConnectionError) as caught:
            make(api.url, timeout=0.2).post("/api/synchronous/x", json_body={"command": "/ip/address/print"}, read=True)
    assert caught.value.details.get("api_code") == "site_offline" and len(api.received) == 1


def test_a_500_in_routeros_words_is_the_router_answering():
    body = {"message": "failure: no such item"}
    with FakeApi(Reply(500, body)) as api:
        with pytest.raises(SdxApiError) as caught:
            make(api.url, retries=0).post("/api/synchronous/x", json_body={"command": "/ip/address/remove"})
    assert caught.value.code is None


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_client_errors_are_not_retried(status):
    with FakeApi(Reply(status, {"type": "invalid_request_error", "code": "bad", "message": "no"})) as api:
        with pytest.raises(SdxApiError) as err:
            make(api.url).get("/sites")
        assert err.value.status == status
        assert len(api.received) == 1


def test_site_offline_is_not_retried_even_for_reads():
    with FakeApi(Reply(503, {"type": "api_error", "code": "site_offline", "message": "site is offline"})) as api:
        with pytest.raises(SdxApiError) as err:
            make(api.url).post("/api/synchronous/x", json_body={"command": "/x/print"}, read=True)
        assert err.value.code == "site_offline"
        assert len(api.received) == 1


def test_retries_give_up_after_the_configured_number_and_raise_the_last_error():
    sleeps = []
    with FakeApi(Reply(503, {"code": "unavailable", "message": "down"})) as api:
        with pytest.raises(SdxApiError) as err:
            make(api.url, sleeps, retries=2).get("/sites")
        assert len(api.received) == 3
        assert len(sleeps) == 2
        assert "HTTP 503" in str(err.value)


def test_retry_after_seconds_is_honoured():
    sleeps = []
    with FakeApi(Reply(429, headers={"Retry-After": "7"}), Reply(200, [])) as api:
        make(api.url, sleeps).get("/sites")
    assert sleeps == [7.0]


def test_retry_after_http_date_is_honoured():
    sleeps = []
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    with FakeApi(Reply(503, headers={"Retry-After": when}), Reply(200, [])) as api:
        make(api.url, sleeps).get("/sites")
    assert 25 <= sleeps[0] <= 31


@pytest.mark.parametrize("name", ["retry-after", "RETRY-AFTER", "Retry-after"])
def test_retry_after_is_read_in_any_header_case(name):
    sleeps = []
    with FakeApi(Reply(429, headers={name: "3"}), Reply(200, [])) as api:
        make(api.url, sleeps).get("/sites")
    assert sleeps == [3.0]


def test_retry_after_in_the_past_means_no_wait():
    sleeps = []
    when = email.utils.formatdate(time.time() - 60, usegmt=True)
    with FakeApi(Reply(429, headers={"Retry-After": when}), Reply(200, [])) as api:
        make(api.url, sleeps).get("/sites")
    assert sleeps == [0.0]


def test_retry_after_longer_than_the_cap_fails_clearly():
    with FakeApi(Reply(429, headers={"Retry-After": "3600"})) as api:
        with pytest.raises(SdxError, match="Retry-After 3600 s"):
            make(api.url).get("/sites")
        assert len(api.received) == 1


def test_unparseable_retry_after_falls_back_to_backoff():
    sleeps = []
    with FakeApi(Reply(429, headers={"Retry-After": "soon"}), Reply(200, [])) as api:
        make(api.url, sleeps).get("/sites")
    assert 0 < sleeps[0] <= client_mod.BACKOFF_BASE


def test_backoff_is_exponential_capped_and_jittered():
    assert backoff_delay(0, rand=lambda: 1.0) == client_mod.BACKOFF_BASE
    assert backoff_delay(3, rand=lambda: 1.0) == client_mod.BACKOFF_BASE * 8
    assert backoff_delay(30, rand=lambda: 1.0) == client_mod.BACKOFF_CAP
    assert backoff_delay(2, rand=lambda: 0.0) == client_mod.BACKOFF_BASE * 4 / 2


def test_connection_refused_is_retried_even_for_writes_because_nothing_was_sent():
    sleeps = []
    with pytest.raises(SdxConnectionError, match="connection failed"):
        make("http://127.0.0.1:%d" % closed_port(), sleeps, retries=2).post("/api/asynchronous/x", json_body={})
    assert len(sleeps) == 2


def test_dropped_connection_after_a_write_is_not_retried_without_a_key():
    with FakeApi(Reply(drop=True), Reply(202, {})) as api:
        with pytest.raises(SdxConnectionError, match="may have been applied"):
            make(api.url).post("/api/asynchronous/x", json_body={"script": "x"})
        assert len(api.received) == 1


def test_dropped_connection_after_a_keyed_write_is_retried():
    with FakeApi(Reply(drop=True), Reply(201, {"id": "j"})) as api:
        assert make(api.url).post("/site/x/job", data="x", headers=KEY) == {"id": "j"}
        assert len(api.received) == 2


def test_read_timeout_is_retried_for_reads():
    with FakeApi(Reply(200, [], delay=1.0), Reply(200, [1])) as api:
        assert make(api.url, timeout=0.3).get("/sites") == [1]


def test_read_timeout_on_an_unkeyed_write_is_not_retried():
    with FakeApi(Reply(202, {}, delay=1.0)) as api:
        with pytest.raises(SdxConnectionError, match="no answer within the timeout"):
            make(api.url, timeout=0.3).post("/api/asynchronous/x", json_body={})
        assert len(api.received) == 1


def test_check_mode_refuses_every_write_before_sending():
    with FakeApi(Reply(200, {})) as api:
        client = make(api.url, check_mode=True)
        for method in ("POST", "DELETE", "PATCH", "PUT"):
            with pytest.raises(CheckModeWriteRefused, match="check mode"):
                client.request(method, "/site/x/job", headers=KEY)
        assert api.received == []
        client.get("/sites")
        client.post("/api/synchronous/x", json_body={"command": "/ip/address/print"}, read=True)
        assert [r["method"] for r in api.received] == ["GET", "POST"]


def test_error_names_status_code_message_method_and_path():
    body = {"type": "invalid_request_error", "code": "job_already_started", "message": "The job has already started.",
            "doc_url": "https://docs.altostrat.io/errors/job_already_started"}
    with FakeApi(Reply(400, body)) as api:
        with pytest.raises(SdxApiError) as err:
            make(api.url).delete("/site/s1/job/j1")
    text = str(err.value)
    assert "DELETE /site/s1/job/j1" in text
    assert "HTTP 400" in text and "job_already_started" in text and "The job has already started" in text
    assert err.value.details["api_code"] == "job_already_started"


def test_401_error_says_what_to_do():
    with FakeApi(Reply(401, {"message": "Unauthorized or invalid token provided."})) as api:
        with pytest.raises(SdxApiError) as err:
            make(api.url).get("/sites")
    assert "HTTP 401" in str(err.value) and "api_token" in str(err.value)


def test_the_token_appears_in_no_error():
    errors = []
    replies = [Reply(401, {"message": "bad " + TOKEN}), Reply(500, "oops"), Reply(drop=True)]
    for reply in replies:
        with FakeApi(reply) as api:
            try:
                make(api.url, retries=0).post("/x", json_body={})
            except SdxError as exc:
                errors.append(exc)
    try:
        make("http://127.0.0.1:%d" % closed_port(), retries=0).get("/sites")
    except SdxError as exc:
        errors.append(exc)
    assert len(errors) == 4
    for exc in errors:
        shown = str(exc) + repr(exc) + repr(exc.details)
        assert TOKEN not in shown.replace("bad " + TOKEN, "")  # the API's own echo aside
        assert "Bearer" not in shown


def test_requests_carry_user_agent_bearer_and_accept():
    with FakeApi(Reply(200, [])) as api:
        make(api.url).get("/sites")
    headers = api.received[0]["headers"]
    assert headers["User-Agent"] == "altostrat.sdx/%s" % COLLECTION_VERSION
    assert headers["Authorization"] == "Bearer " + TOKEN
    assert headers["Accept"] == "application/json"


def test_user_agent_version_matches_galaxy_yml():
    with open("galaxy.yml", encoding="utf-8") as handle:
        version = re.search(r"^version:\s*(\S+)", handle.read(), re.M).group(1)
    assert COLLECTION_VERSION == version


def test_text_body_is_sent_as_utf8():
    with FakeApi(Reply(201, {})) as api:
        make(api.url).post("/site/x/job", data=':log info "Zürich ✓"', headers=dict(KEY, **{"Content-Type": "text/plain"}))
    assert api.received[0]["body"] == ':log info "Zürich ✓"'


@pytest.mark.parametrize("body, expected", [
    ([{"id": 1}], [{"id": 1}]),
    ({"id": 1, "name": "x"}, {"id": 1, "name": "x"}),
    ({"status": "success", "data": [{"id": 1}]}, [{"id": 1}]),
    ({"data": [1, 2], "links": {"next": None}, "meta": {"total": 2}}, [1, 2]),
    ({"data": [1], "meta": {"count": 1, "cursor": None, "has_more": False}}, [1]),
    ({"message": "Backup requested"}, {"message": "Backup requested"}),
    ({"data": {"a": 1}, "other": 2}, {"data": {"a": 1}, "other": 2}),
])
def test_envelopes_are_unwrapped(body, expected):
    assert unwrap(body) == expected


def test_get_all_follows_links_next_pages():
    with FakeApi(Reply(200, {"data": [{"n": 1}, {"n": 2}], "links": {"next": "PLACEHOLDER"}}),
                 Reply(200, {"data": [{"n": 3}], "links": {"next": None}})) as api:
        api.replies[0].body["links"]["next"] = api.url + "/sites?page=2"
        assert make(api.url).get_all("/sites") == [{"n": 1}, {"n": 2}, {"n": 3}]
        assert api.received[1]["path"] == "/sites?page=2"


def test_get_all_follows_meta_cursor_pages():
    with FakeApi(Reply(200, {"data": [{"n": 1}], "meta": {"has_more": True, "cursor": "c2"}}),
                 Reply(200, {"data": [{"n": 2}], "meta": {"has_more": False, "cursor": None}})) as api:
        assert make(api.url).get_all("/fault") == [{"n": 1}, {"n": 2}]
        assert api.received[1]["path"] == "/fault?cursor=c2"


def test_get_all_accepts_a_bare_array():
    with FakeApi(Reply(200, [{"n": 1}, {"n": 2}])) as api:
        assert make(api.url).get_all("/sites") == [{"n": 1}, {"n": 2}]


@pytest.mark.parametrize("link", ["http://evil.example/steal?page=2", "https://127.0.0.1:{port}/sites?page=2",
                                  "http://localhost:{port}/sites?page=2", "http://127.0.0.1:{other}/sites?page=2"])
def test_get_all_never_sends_the_token_to_another_origin(link):
    with FakeApi(Reply(200, {"data": [{"n": 1}], "links": {"next": "PLACEHOLDER"}}), Reply(200, [])) as api:
        port = api.url.rsplit(":", 1)[1]
        api.replies[0].body["links"]["next"] = link.format(port=port, other=closed_port())
        with pytest.raises(SdxError, match="another origin"):
            make(api.url).get_all("/sites")
    assert len(api.received) == 1


def test_a_request_to_an_absolute_url_elsewhere_is_refused_before_sending():
    with pytest.raises(SdxError, match="another origin"):
        make("https://v1.api.altostrat.io").request("GET", "https://attacker.example/x")


@pytest.mark.parametrize("status", [400, 401, 403, 422, 500])
def test_an_error_body_that_echoes_the_token_is_masked(status):
    import base64
    from urllib.parse import quote
    echoed = "Bearer %s %s %s" % (TOKEN, quote(TOKEN, safe=""), base64.b64encode(TOKEN.encode()).decode())
    with FakeApi(Reply(status, {"message": echoed, "errors": {"authorization": [echoed]}, "code": "bad"})) as api:
        with pytest.raises(SdxApiError) as caught:
            make(api.url, retries=0).get("/sites")
    text = caught.value.msg + repr(caught.value.details) + repr(caught.value.body)
    assert TOKEN not in text and quote(TOKEN, safe="") not in text and base64.b64encode(TOKEN.encode()).decode() not in text
    assert "HTTP %d" % status in caught.value.msg


def test_laravel_validation_errors_are_named():
    body = {"message": "The description field is required.", "errors": {"description": ["The description field is required."]}}
    with FakeApi(Reply(422, body)) as api:
        with pytest.raises(SdxApiError, match="description: The description field is required"):
            make(api.url, retries=0).post("/site/x/job", data="x")


@pytest.mark.parametrize("body", ["<html><body>Sign in</body></html>", "plain words", "{broken json"])
def test_a_success_that_is_not_json_is_a_clear_error(body):
    with FakeApi(Reply(200, body)) as api:
        with pytest.raises(SdxError, match="not JSON"):
            make(api.url).get("/sites")


@pytest.mark.parametrize("value, sent", [("café", "café".encode("utf-8")), ("5 € — 日本語 🙂", "5 € — 日本語 🙂".encode("utf-8")),
                                         ("plain", b"plain")])
def test_non_ascii_header_values_travel_as_utf8(value, sent):
    with FakeApi(Reply(201, {"id": "j"})) as api:
        make(api.url).post("/site/x/job", data="x", headers=dict(KEY, **{"X-Description": value}))
        raw = api.received[0]["headers"]["X-Description"]
    assert raw.encode("latin-1") == sent


@pytest.mark.parametrize("value", ["two\nlines", "cr\rlf", "nul\x00", " lead", "trail ", "tab\tx", "sep\u2028x"])
def test_header_values_that_would_break_the_request_are_refused_before_sending(value):
    with FakeApi(Reply(201, {})) as api:
        with pytest.raises(SdxError, match="header cannot"):
            make(api.url).post("/site/x/job", data="x", headers={"X-Description": value})
    assert api.received == []


@pytest.mark.parametrize("url, message", [
    ("", "api_url is empty"), ("http://api.example.com", "must use https://"),
    ("https://u:p@api.example.com", "user name or password"), ("https://api.example.com/?x=1", "query"),
    ("https://api.example.com:0x1", "invalid port"), ("https://", "must be an https:// URL"),
])
def test_unsafe_api_urls_are_refused(url, message):
    with pytest.raises(SdxError, match=message):
        SdxClient(api_url=url, api_token=TOKEN)


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765", "http://localhost:8765", "http://[::1]:8765", "https://v1.api.altostrat.io"])
def test_https_and_loopback_http_are_accepted(url):
    assert SdxClient(api_url=url, api_token=TOKEN).api_url == url


def test_a_connection_failure_names_the_url():
    url = "http://127.0.0.1:%d" % closed_port()
    with pytest.raises(SdxConnectionError, match=url.replace(".", r"\.") + "/sites"):
        make(url, retries=0).get("/sites")


@pytest.mark.parametrize("kwargs, message", [
    (dict(api_token=""), "api_token is required"),
    (dict(api_token="   "), "api_token is required"),
    (dict(api_token=TOKEN, api_url="ftp://x"), "api_url must be an https:// URL"),
    (dict(api_token=TOKEN, timeout=0), "timeout must be a positive"),
    (dict(api_token=TOKEN, retries=-1), "retries must be 0 or more"),
])
def test_bad_settings_fail_before_any_request(kwargs, message):
    with pytest.raises(SdxError, match=message):
        SdxClient(**kwargs)


def test_tls_is_verified_by_default_and_ca_path_is_used():
    assert SdxClient(api_token=TOKEN).session.verify is True
    assert SdxClient(api_token=TOKEN, ca_path="/tmp/ca.pem").session.verify == "/tmp/ca.pem"
    assert SdxClient(api_token=TOKEN, validate_certs=False).session.verify is False


def test_proxy_from_the_environment_is_used(monkeypatch):
    with FakeApi(Reply(200, [])) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url)
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        make("http://127.0.0.2:9/api", retries=0).get("/sites")
    # a proxy is sent the absolute URL
    assert proxy.received[0]["path"] == "http://127.0.0.2:9/api/sites"


def test_no_proxy_is_honoured(monkeypatch):
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:%d" % closed_port())
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    with FakeApi(Reply(200, [])) as api:
        make(api.url, retries=0).get("/sites")
    assert api.received[0]["path"] == "/sites"


def test_a_netrc_entry_does_not_replace_the_bearer_token(monkeypatch, tmp_path):
    netrc = tmp_path / "netrc"
    netrc.write_text("machine 127.0.0.1 login someone password other\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    with FakeApi(Reply(200, [])) as api:
        make(api.url).get("/sites")
    assert api.received[0]["headers"]["Authorization"] == "Bearer " + TOKEN


@pytest.mark.parametrize("status, body, code", [
    (503, {"message": "The site is offline."}, "site_offline"),
    (504, {"message": "Router did not respond"}, "site_offline"),
    (422, {"message": "The idempotency key has already been used.", "errors": {"idempotency_key": ["taken"]}},
     "idempotency_key_reused"),
    (400, {"message": "Job has already started and cannot be deleted."}, "job_already_started"),
    (409, {"message": "Only pending jobs can be cancelled: this one is not pending"}, "job_already_started"),
    (503, {"type": "api_error", "code": "site_offline", "message": "x"}, "site_offline"),
    (404, {"message": "Not Found"}, None),
    (500, {"message": "Server Error"}, None),
])
def test_conditions_are_read_from_status_and_message_when_the_body_has_no_code(status, body, code):
    error = SdxApiError("POST", "/x", status, body)
    assert error.code == code
    # a code the API did not send is not shown as if it had
    assert ("(%s)" % code in error.msg) == ("code" in body)
