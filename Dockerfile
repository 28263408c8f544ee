# Citebot: the Discord bot with the shipped knowledge, running as a non-root user.
FROM python:3.11-slim

# CITEBOT_DATA_DIR, not CITEBOT_DB: a CITEBOT_DB from an --env-file would override an image
# path, whereas a relative CITEBOT_DB (or none) is resolved inside the /data volume.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CITEBOT_DATA_DIR=/data

WORKDIR /src
# The dependencies (and the build backend) in a layer of their own, rebuilt only when
# pyproject.toml changes: a knowledge or code edit does not download them again.
COPY pyproject.toml ./
# With the PostgreSQL driver, so the same image runs on SQLite or, as in compose.yaml, PostgreSQL.
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb')); print('\n'.join(p['project']['dependencies'] + p['project']['optional-dependencies']['postgres'] + p['build-system']['requires']))" > requirements.txt \
    && pip install -r requirements.txt
COPY README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
# A regular (non-editable) install: the knowledge travels inside the package.
RUN pip install --no-deps --no-build-isolation . && rm -rf /src

RUN useradd --create-home --uid 10001 citebot && mkdir /data && chown citebot /data
USER citebot
WORKDIR /home/citebot
VOLUME ["/data"]

# Fails the build if the shipped knowledge does not validate or a cog does not load.
RUN citebot kb validate && citebot run --dry-run > /dev/null

# Whether the bot was connected to Discord within the last few minutes: it notes the time in its
# database every minute while connected. A read, nothing loaded; exit 1 marks the container unhealthy.
HEALTHCHECK --interval=2m --timeout=30s --start-period=2m --retries=3 CMD ["citebot", "doctor", "--alive"]

CMD ["citebot", "run"]
