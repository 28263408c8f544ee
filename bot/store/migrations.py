"""Numbered schema migrations. Append new ones; never edit one that has shipped.

PRAGMA user_version records how far a database has come, so an old file is brought up to date
on open and a new one is created from the first.
"""

MIGRATIONS: tuple[str, ...] = (
    # 1: settings, the question log and feedback
    """
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY,
        moderator_role_id INTEGER,
        ephemeral INTEGER NOT NULL DEFAULT 0,
        sources TEXT,
        timezone TEXT NOT NULL DEFAULT 'UTC'
    );
    CREATE TABLE questions (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER,
        channel_id INTEGER,
        question TEXT NOT NULL,
        kind TEXT NOT NULL,
        entry_id TEXT,
        confidence REAL NOT NULL,
        asked_at TEXT NOT NULL
    );
    CREATE INDEX questions_by_guild ON questions (guild_id, kind);
    CREATE TABLE feedback (
        question_id INTEGER NOT NULL REFERENCES questions (id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL,
        vote INTEGER NOT NULL CHECK (vote IN (-1, 1)),
        voted_at TEXT NOT NULL,
        PRIMARY KEY (question_id, user_id)
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    """,
    # 2: discussion prompts, schedules, members' suggestions, quiz records
    """
    CREATE TABLE custom_prompts (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        source TEXT NOT NULL,
        passage INTEGER,
        author_id INTEGER,
        created_at TEXT NOT NULL
    );
    CREATE TABLE prompt_posts (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL,
        prompt_id TEXT NOT NULL,
        channel_id INTEGER,
        thread_id INTEGER,
        posted_at TEXT NOT NULL
    );
    CREATE INDEX prompt_posts_by_guild ON prompt_posts (guild_id, prompt_id);
    CREATE TABLE prompt_schedules (
        guild_id INTEGER PRIMARY KEY,
        channel_id INTEGER NOT NULL,
        cadence TEXT NOT NULL CHECK (cadence IN ('daily', 'weekly')),
        time TEXT NOT NULL,
        weekday INTEGER NOT NULL DEFAULT 0,
        since TEXT NOT NULL,
        last_slot TEXT
    );
    CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        guild_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL,
        text TEXT NOT NULL,
        source TEXT,
        passage INTEGER,
        status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
        created_at TEXT NOT NULL,
        decided_by INTEGER,
        decided_at TEXT
    );
    CREATE INDEX suggestions_by_guild ON suggestions (guild_id, status);
    CREATE TABLE quiz_records (
        guild_id INTEGER NOT NULL,
        user_id INTEGER NOT NULL,
        entry_id TEXT NOT NULL,
        box INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        wrong INTEGER NOT NULL,
        last_seen TEXT NOT NULL,
        PRIMARY KEY (guild_id, user_id, entry_id)
    );
    """,
    # 3: a channel (and its threads) bound to one text
    """
    CREATE TABLE channel_texts (
        guild_id INTEGER NOT NULL,
        channel_id INTEGER NOT NULL,
        source TEXT NOT NULL,
        PRIMARY KEY (guild_id, channel_id)
    );
    """,
    # 4: each scheduled slot claimed once (across DST, restarts and two loops); a paused schedule
    #    and the last problem its moderators were told about
    """
    CREATE TABLE prompt_slots (
        guild_id INTEGER NOT NULL,
        slot TEXT NOT NULL,
        claimed_at TEXT NOT NULL,
        PRIMARY KEY (guild_id, slot)
    );
    ALTER TABLE prompt_schedules ADD COLUMN paused TEXT;
    ALTER TABLE prompt_schedules ADD COLUMN notice TEXT;
    """,
    # 5: what a server's curators made in Discord: their entries (new ones, and their versions of
    #    shared ones, retired or not), their texts, every change with who made it and when, and
    #    forms waiting for a fix or a confirmation. Entries are JSON text: the same record as
    #    `citebot kb export --format json`. Kept to SQL that PostgreSQL reads as well (BIGINT ids).
    """
    ALTER TABLE guild_settings ADD COLUMN curator_role_id BIGINT;
    CREATE TABLE guild_entries (
        guild_id BIGINT NOT NULL,
        entry_id TEXT NOT NULL,
        source TEXT NOT NULL,
        body TEXT NOT NULL,
        retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
        changed_by BIGINT NOT NULL,
        changed_at TEXT NOT NULL,
        PRIMARY KEY (guild_id, entry_id)
    );
    CREATE TABLE guild_texts (
        guild_id BIGINT NOT NULL,
        source_id TEXT NOT NULL,
        content TEXT NOT NULL,
        added_by BIGINT NOT NULL,
        added_at TEXT NOT NULL,
        PRIMARY KEY (guild_id, source_id)
    );
    CREATE TABLE entry_changes (
        id INTEGER PRIMARY KEY,
        guild_id BIGINT NOT NULL,
        entry_id TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('add', 'edit', 'retire', 'phrasing', 'undo')),
        before_state TEXT,
        after_state TEXT,
        user_id BIGINT NOT NULL,
        changed_at TEXT NOT NULL
    );
    CREATE INDEX entry_changes_by_entry ON entry_changes (guild_id, entry_id);
    CREATE TABLE entry_forms (
        id INTEGER PRIMARY KEY,
        guild_id BIGINT NOT NULL,
        user_id BIGINT NOT NULL,
        body TEXT NOT NULL,
        created_at TEXT NOT NULL
    );
    """,
    # 6: a logged question a curator has dealt with (`citebot kb gaps --dismiss`), kept but out of the queue
    """
    ALTER TABLE questions ADD COLUMN reviewed_at TEXT;
    """,
    # 7: each server numbers its own suggestions, prompts (custom-N) and entry changes 1, 2, 3, …
    #    (row ids are shared by every server). A counter per server and kind only goes up, so a
    #    number is never given twice, even after its row is deleted. Rows already there keep the
    #    number people know (their id); each server's counter goes on from the highest it used,
    #    counting a removed prompt's number still named in its posting history.
    """
    CREATE TABLE guild_numbers (
        guild_id BIGINT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('suggestion', 'prompt', 'change')),
        issued BIGINT NOT NULL,
        PRIMARY KEY (guild_id, kind)
    );
    ALTER TABLE suggestions ADD COLUMN number BIGINT;
    UPDATE suggestions SET number = id;
    CREATE UNIQUE INDEX suggestions_by_number ON suggestions (guild_id, number);
    ALTER TABLE custom_prompts ADD COLUMN number BIGINT;
    UPDATE custom_prompts SET number = id;
    CREATE UNIQUE INDEX custom_prompts_by_number ON custom_prompts (guild_id, number);
    ALTER TABLE entry_changes ADD COLUMN number BIGINT;
    UPDATE entry_changes SET number = id;
    CREATE UNIQUE INDEX entry_changes_by_number ON entry_changes (guild_id, number);
    INSERT INTO guild_numbers (guild_id, kind, issued)
        SELECT guild_id, 'suggestion', MAX(number) FROM suggestions GROUP BY guild_id;
    INSERT INTO guild_numbers (guild_id, kind, issued)
        SELECT guild_id, 'change', MAX(number) FROM entry_changes GROUP BY guild_id;
    INSERT INTO guild_numbers (guild_id, kind, issued)
        SELECT guild_id, 'prompt', MAX(number) FROM (
            SELECT guild_id, number FROM custom_prompts
            UNION ALL
            SELECT guild_id, CAST(SUBSTR(prompt_id, 8) AS BIGINT) FROM prompt_posts
            WHERE SUBSTR(prompt_id, 1, 7) = 'custom-' AND LENGTH(prompt_id) BETWEEN 8 AND 25
                AND LTRIM(SUBSTR(prompt_id, 8), '0123456789') = ''
        ) AS used GROUP BY guild_id;
    """,
)
