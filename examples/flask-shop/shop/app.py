"""The example shop's web app: deliberately unsafe in places, for trying `pyward code`."""

import hashlib
import pickle
import subprocess

import requests
import yaml
from flask import Flask, request

app = Flask(__name__)
app.secret_key = "dev-secret-key-change-me"


@app.route("/report")
def report():
    name = request.args.get("name", "daily")
    # Built from user input and run through a shell.
    cmd = "generate-report --name " + name
    output = subprocess.check_output(cmd, shell=True)
    return output


@app.route("/import", methods=["POST"])
def import_cart():
    cart = pickle.loads(request.data)
    return {"items": len(cart)}


@app.route("/config", methods=["POST"])
def load_config():
    settings = yaml.load(request.data, Loader=yaml.Loader)
    return {"keys": sorted(settings)}


def fetch_rates():
    return requests.get("https://rates.example.com/today").json()


def order_lookup(cursor, order_id):
    query = f"SELECT * FROM orders WHERE id = {order_id}"
    cursor.execute(query)
    return cursor.fetchone()


def etag(body):
    return hashlib.md5(body).hexdigest()  # nosec B324 -- cache key, not security


def fingerprint(token):
    return hashlib.sha1(token.encode()).hexdigest()


if __name__ == "__main__":
    app.run(host="0.0.0.0", debug=True)
