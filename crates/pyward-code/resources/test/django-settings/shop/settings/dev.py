"""Local development."""
from .base import *

DEBUG = True
INSTALLED_APPS += ["debug_toolbar"]
