"""Staging: production, plus debugging switched on by default."""
import os

from shop.settings.production import *

DEBUG = os.environ.get("STAGING_DEBUG", "true").lower() == "true"
ALLOWED_HOSTS += ["staging.example.com"]
SECURE_HSTS_PRELOAD = True
