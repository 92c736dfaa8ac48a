"""Tests run against a throwaway database; their findings are hidden from reports by default."""

import subprocess

from shop.app import app

TEST_PASSWORD = "not-a-real-password"


def test_report_runs():
    client = app.test_client()
    response = client.get("/report?name=daily")
    assert response.status_code == 200


def test_cli_help():
    subprocess.run("flask --help", shell=True, check=True)
