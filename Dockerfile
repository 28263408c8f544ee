# Citebot: the Discord bot with the shipped knowledge, running as a non-root user.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    CITEBOT_DB=/data/citebot.db

WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
# A regular (non-editable) install: the knowledge travels inside the package.
RUN pip install . && rm -rf /src

RUN useradd --create-home --uid 10001 citebot && mkdir /data && chown citebot /data
USER citebot
WORKDIR /home/citebot
VOLUME ["/data"]

# Fails the build if the shipped knowledge does not validate or a cog does not load.
RUN citebot kb validate && citebot run --dry-run > /dev/null

CMD ["citebot", "run"]
