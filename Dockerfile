# peaceplan under gunicorn (docs/operations.md, "Running it as a service").
#   docker build -t peaceplan .
#   docker compose up        # with PostgreSQL and Redis: compose.yaml
# Two stages: the first installs the dependencies (compilers and pip's cache stay there)
# and collects the static files; the second holds only the virtualenv and the app, run by
# a user that owns nothing it could rewrite.

FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 PYTHONDONTWRITEBYTECODE=1
RUN python -m venv /venv
COPY requirements.txt /tmp/requirements.txt
RUN /venv/bin/pip install -r /tmp/requirements.txt
WORKDIR /app
COPY . .
# Static files with hashed names, compressed (WhiteNoise's manifest, which DEBUG off reads).
# The key and host exist only for this command: the settings refuse to load without them.
RUN DEBUG=0 SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    /venv/bin/python manage.py collectstatic --no-input \
    && DEBUG=0 SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost \
    /venv/bin/python manage.py compile_translations

FROM python:3.11-slim-bookworm AS runtime
ENV PATH=/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PORT=8000 \
    LOG_FORMAT=json \
    PROMETHEUS_MULTIPROC_DIR=/tmp/prometheus
RUN groupadd --system --gid 10001 peaceplan \
    && useradd --system --uid 10001 --gid peaceplan --no-create-home --home-dir /app peaceplan
COPY --from=build /venv /venv
# Owned by root, readable by all: the app's user cannot change its own code.
COPY --from=build /app /app
WORKDIR /app
USER peaceplan:peaceplan
EXPOSE 8000
# /healthz touches neither database nor cache: a database outage does not get the app
# restarted (/readyz is for the load balancer). Python, as the slim image has no curl.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('PORT', '8000')}/healthz\", timeout=4)"]
CMD ["gunicorn", "--config", "python:peaceplan.gunicorn_conf", "peaceplan.wsgi"]
