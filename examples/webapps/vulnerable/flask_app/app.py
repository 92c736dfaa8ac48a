"""Customer portal (Flask)."""
import hashlib
import os

from flask import Flask, render_template_string, request, send_file
from flask_cors import CORS

app = Flask(__name__)
app.secret_key = "portal-dev-key"
app.config.update(SESSION_COOKIE_SECURE=False, SESSION_COOKIE_HTTPONLY=False)
app.config["DEBUG"] = True
CORS(app, supports_credentials=True)
USERS = {}


@app.route("/register", methods=["POST"])
def register():
    password = request.form["password"]
    USERS[request.form["email"]] = hashlib.sha1(password.encode()).hexdigest()
    return "ok"


@app.route("/greet")
def greet():
    name = request.args.get("name", "")
    return render_template_string("<h1>Hello " + name + "</h1>")


@app.route("/invoice")
def invoice():
    return send_file(os.path.join("invoices", request.args["file"]))
