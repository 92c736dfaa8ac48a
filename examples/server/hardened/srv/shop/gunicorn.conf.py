# gunicorn.conf.py
bind = "127.0.0.1:8000"
workers = 4
forwarded_allow_ips = "127.0.0.1"
accesslog = "-"
