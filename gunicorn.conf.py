"""gunicorn, the production server (README, "正式部署"): ``gunicorn -c gunicorn.conf.py``.

Every value comes from the environment, parsed as strictly as the settings (a bad value stops
start-up naming the variable). It serves behind nginx (TLS, static caching, request ids).
"""

from __future__ import annotations

import multiprocessing

from zhifa.env import env_int, env_str

wsgi_app = "zhifa.wsgi:application"

# Where to listen: nginx on the same host by default; a socket works too ("unix:/run/zhifa.sock").
bind = [env_str("GUNICORN_BIND", "127.0.0.1:8000")]
# Synchronous workers, gunicorn's rule of thumb (2 × cores + 1), at most 9 by default: each holds
# its own database connection, and SQLite serialises writers anyway.
workers = env_int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 9), minimum=1)
# A request taking longer than this (an Excel import of 10,000 officers takes seconds) is killed.
timeout = env_int("GUNICORN_TIMEOUT", 120, minimum=10)
graceful_timeout = 30
# Recycle workers now and then so a slow leak can never take the service down.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000, minimum=0)
max_requests_jitter = max_requests // 10

# Logs to standard output/error (journald or the container collects them). The access log names
# each request by the id zhifa gives it (the X-Request-ID response header), as the app's log lines
# and ledger entries do, so one request can be followed from nginx to the audit ledger.
accesslog = "-"
errorlog = "-"
loglevel = env_str("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s [%({x-request-id}o)s] "%(r)s" %(s)s %(B)s %(M)sms "%(f)s" "%(a)s"'
# Only nginx on this host may say which client and scheme a request came from.
forwarded_allow_ips = env_str("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
