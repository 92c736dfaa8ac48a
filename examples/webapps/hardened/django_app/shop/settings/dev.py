"""Local development: debugging tools are fine here."""
from .base import *

SECRET_KEY = "dev-only"
DEBUG = True
ALLOWED_HOSTS = ["localhost"]
INSTALLED_APPS += ["debug_toolbar"]
