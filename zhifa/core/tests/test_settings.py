"""Settings from the environment: a malformed value stops start-up with a clear message."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from zhifa import env


@pytest.mark.parametrize("raw", ["maybe", "2", "tru"])
def test_a_bad_boolean_is_refused(monkeypatch, raw):
    monkeypatch.setenv("DEBUG", raw)
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env.env_bool("DEBUG", False)


@pytest.mark.parametrize(("raw", "expected"), [("true", True), ("0", False), ("", False)])
def test_booleans_parse(monkeypatch, raw, expected):
    monkeypatch.setenv("DEBUG", raw)
    assert env.env_bool("DEBUG", True) is expected


def test_a_bad_integer_and_an_out_of_range_one_are_refused(monkeypatch):
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "half an hour")
    with pytest.raises(ImproperlyConfigured, match="integer"):
        env.env_int("SESSION_IDLE_MINUTES", 30, minimum=1)
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "0")
    with pytest.raises(ImproperlyConfigured, match="between"):
        env.env_int("SESSION_IDLE_MINUTES", 30, minimum=1)


def test_a_list_with_an_empty_item_is_refused(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured):
        env.env_list("ALLOWED_HOSTS", [])


def test_keys_must_be_hex_of_the_right_length(monkeypatch, tmp_path):
    monkeypatch.setenv("PERSONAL_DATA_KEY", "zz" * 16)
    with pytest.raises(ImproperlyConfigured, match="hexadecimal"):
        env.env_hex_key("PERSONAL_DATA_KEY", nbytes=16, keep_in=tmp_path / "k")
    monkeypatch.setenv("PERSONAL_DATA_KEY", "ab" * 8)
    with pytest.raises(ImproperlyConfigured, match="16 bytes"):
        env.env_hex_key("PERSONAL_DATA_KEY", nbytes=16, keep_in=tmp_path / "k")


def test_an_unset_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("PERSONAL_DATA_KEY", raising=False)
    first = env.env_hex_key("PERSONAL_DATA_KEY", nbytes=16, keep_in=tmp_path / "k")
    assert len(first) == 16
    assert env.env_hex_key("PERSONAL_DATA_KEY", nbytes=16, keep_in=tmp_path / "k") == first
    assert (tmp_path / "k").stat().st_mode & 0o777 == 0o600


def test_a_short_secret_key_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("SECRET_KEY", "short")
    with pytest.raises(ImproperlyConfigured, match="32"):
        env.env_secret("SECRET_KEY", keep_in=tmp_path / "s")


def test_a_database_url_that_is_not_sqlite_or_postgresql_stops_start_up(tmp_path):
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "zhifa.settings",
            "DATABASE_URL": "mysql://root@127.0.0.1/zhifa",
            "ZHIFA_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "DATABASE_URL must point at SQLite or PostgreSQL" in result.stderr


def test_a_file_store_option_that_is_not_a_json_object_is_refused(monkeypatch):
    monkeypatch.setenv("FILE_STORE_OPTIONS", '["bucket"]')
    with pytest.raises(ImproperlyConfigured, match="FILE_STORE_OPTIONS must be a JSON object"):
        env.env_json_object("FILE_STORE_OPTIONS", {})
    monkeypatch.setenv("FILE_STORE_OPTIONS", "{bucket")
    with pytest.raises(ImproperlyConfigured, match="FILE_STORE_OPTIONS must be a JSON object"):
        env.env_json_object("FILE_STORE_OPTIONS", {})
    monkeypatch.setenv("FILE_STORE_OPTIONS", '{"bucket_name": "zhifa"}')
    assert env.env_json_object("FILE_STORE_OPTIONS", {}) == {"bucket_name": "zhifa"}
