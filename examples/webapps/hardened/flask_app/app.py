"""Customer portal (Flask), hardened."""
import os

from argon2 import PasswordHasher
from flask import Flask, render_template_string, request, send_from_directory
from flask_cors import CORS

app = Flask(__name__)
app.secret_key = os.environ["PORTAL_SECRET_KEY"]
app.config.update(
    SESSION_COOKIE_SECURE=True,
    SESSION_COOKIE_HTTPONLY=True,
    SESSION_COOKIE_SAMESITE="Lax",
)
CORS(app, origins=["https://portal.example.com"], supports_credentials=True)
USERS = {}
hasher = PasswordHasher()


@app.route("/register", methods=["POST"])
def register():
    USERS[request.form["email"]] = hasher.hash(request.form["password"])
    return "ok"


@app.route("/greet")
def greet():
    return render_template_string("<h1>Hello {{ name }}</h1>", name=request.args.get("name", ""))


@app.route("/invoice")
def invoice():
    return send_from_directory("invoices", request.args["file"])
