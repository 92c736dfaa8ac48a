# gunicorn.conf.py
bind = "0.0.0.0:8000"
workers = 4
forwarded_allow_ips = "*"
accesslog = "-"
reload = True
