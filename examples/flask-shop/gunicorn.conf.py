"""gunicorn settings for the shop (see deploy/shop.service)."""

bind = "0.0.0.0:8000"
workers = 4
reload = True
forwarded_allow_ips = "*"
