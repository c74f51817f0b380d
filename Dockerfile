# The production image: the runtime lock (no test tools, no training extra), the project,
# collected static files. scripts/check_runtime.py repeats these steps in a fresh venv in CI.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements/runtime.txt requirements/runtime.txt
RUN pip install --no-cache-dir --require-hashes -r requirements/runtime.txt
COPY . .
# Collected with the production storage (DEBUG off), so the manifest of hashed names that
# the running app looks every {% static %} up in is written; the key serves this command only.
RUN pip install --no-cache-dir --no-deps . && rm -rf build factcheck.egg-info \
    && SECRET_KEY=collectstatic-at-build-time-only python manage.py collectstatic --noinput
RUN useradd --create-home factcheck
USER factcheck
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
