"""A settings module that passes every deployment check."""
import os

from .production import *

SECURE_HSTS_PRELOAD = True
CSRF_COOKIE_SECURE = True
