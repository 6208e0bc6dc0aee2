//! Versioned SQLite schema. Each migration runs once, in order, inside a transaction; the version
//! is `PRAGMA user_version`. Never edit a released migration — append a new one.

use rusqlite::Connection;

use crate::error::{Result, StoreError};

/// The migrations, in order. Index `i` upgrades a database from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: articles, outlets, URL aliases.
    r#"
    CREATE TABLE outlets (
        id      TEXT PRIMARY KEY,
        name_ar TEXT,
        name_en TEXT
    );
    CREATE TABLE articles (
        id             INTEGER PRIMARY KEY,
        url            TEXT,
        url_key        TEXT,
        text_hash      TEXT NOT NULL UNIQUE,
        title          TEXT NOT NULL,
        title_inferred INTEGER NOT NULL DEFAULT 0,
        body           TEXT NOT NULL,
        summary        TEXT,
        published      INTEGER,
        outlet_id      TEXT REFERENCES outlets(id),
        section        TEXT,
        section_label  TEXT,
        language       TEXT,
        doc_id         TEXT,
        author         TEXT,
        format         TEXT NOT NULL,
        source         TEXT,
        ingested_at    INTEGER NOT NULL,
        extra          TEXT
    );
    CREATE INDEX articles_published ON articles(published DESC, id DESC);
    CREATE INDEX articles_outlet ON articles(outlet_id, published DESC);
    CREATE INDEX articles_section ON articles(section, published DESC);
    -- Every URL an article was seen under (canonical form), so a republication under a second
    -- URL, or the same URL seen again, is recognised.
    CREATE TABLE article_urls (
        url_key    TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id)
    );
    "#,
    // 2: what extraction learned about pages: roles and page links, the printed date, datelines,
    // attribution and agencies (JSON in `extra`), headline lists, teasers, per-outlet line counts.
    r#"
    ALTER TABLE articles ADD COLUMN role TEXT NOT NULL DEFAULT 'main';
    ALTER TABLE articles ADD COLUMN page_of INTEGER REFERENCES articles(id);
    ALTER TABLE articles ADD COLUMN published_date TEXT;
    ALTER TABLE articles ADD COLUMN date_source TEXT;
    CREATE INDEX articles_source ON articles(source);
    CREATE TABLE headline_lists (
        id           INTEGER PRIMARY KEY,
        article_id   INTEGER NOT NULL REFERENCES articles(id),
        position     INTEGER NOT NULL,
        heading      TEXT NOT NULL,
        section_hint TEXT
    );
    CREATE INDEX headline_lists_article ON headline_lists(article_id);
    CREATE TABLE headlines (
        list_id   INTEGER NOT NULL REFERENCES headline_lists(id),
        position  INTEGER NOT NULL,
        text      TEXT NOT NULL,
        truncated INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (list_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE teasers (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        position   INTEGER NOT NULL,
        title      TEXT NOT NULL,
        lead       TEXT NOT NULL,
        PRIMARY KEY (article_id, position)
    ) WITHOUT ROWID;
    CREATE TABLE outlet_pages (
        outlet_id TEXT PRIMARY KEY,
        pages     INTEGER NOT NULL
    );
    CREATE TABLE outlet_lines (
        outlet_id TEXT NOT NULL,
        line_hash INTEGER NOT NULL,
        pages     INTEGER NOT NULL,
        PRIMARY KEY (outlet_id, line_hash)
    ) WITHOUT ROWID;
    "#,
    // 3: stories, threads, copy groups, and the clustering engine's saved state.
    r#"
    ALTER TABLE articles ADD COLUMN story_id INTEGER;
    ALTER TABLE articles ADD COLUMN copy_of INTEGER REFERENCES articles(id);
    ALTER TABLE articles ADD COLUMN story_similarity REAL;
    CREATE INDEX articles_story ON articles(story_id, published);
    CREATE INDEX articles_copy_of ON articles(copy_of);
    CREATE INDEX articles_unclustered ON articles(id) WHERE story_id IS NULL;
    CREATE TABLE stories (
        id            INTEGER PRIMARY KEY,
        thread_id     INTEGER NOT NULL,
        first_seen    INTEGER NOT NULL,
        last_seen     INTEGER NOT NULL,
        articles      INTEGER NOT NULL,
        outlets       INTEGER NOT NULL,
        title_article INTEGER REFERENCES articles(id),
        section       TEXT,
        top_terms     TEXT NOT NULL,
        top_names     TEXT NOT NULL
    );
    CREATE INDEX stories_last_seen ON stories(last_seen DESC);
    CREATE INDEX stories_thread ON stories(thread_id);
    CREATE TABLE threads (
        id         INTEGER PRIMARY KEY,
        first_seen INTEGER NOT NULL,
        last_seen  INTEGER NOT NULL,
        stories    INTEGER NOT NULL,
        top_terms  TEXT NOT NULL
    );
    CREATE TABLE cluster_state (
        key   TEXT PRIMARY KEY,
        value BLOB NOT NULL
    );
    -- Source document ids of duplicates, pointing at the article stored for them.
    CREATE TABLE doc_aliases (
        doc_id     TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles(id)
    );
    "#,
    // 4: live outlets: the feeds followed and the durable URL frontier.
    r#"
    CREATE TABLE feeds (
        id            INTEGER PRIMARY KEY,
        url           TEXT NOT NULL UNIQUE,
        title         TEXT,
        outlet        TEXT,
        country       TEXT,
        interval_secs INTEGER NOT NULL DEFAULT 900,
        next_fetch    INTEGER NOT NULL DEFAULT 0,
        etag          TEXT,
        last_modified TEXT,
        failures      INTEGER NOT NULL DEFAULT 0,
        last_fetch    INTEGER,
        last_status   TEXT,
        last_error    TEXT,
        articles      INTEGER NOT NULL DEFAULT 0,
        added_at      INTEGER NOT NULL
    );
    CREATE TABLE frontier (
        url_key      TEXT PRIMARY KEY,
        url          TEXT NOT NULL,
        feed_id      INTEGER REFERENCES feeds(id),
        host         TEXT NOT NULL,
        state        TEXT NOT NULL DEFAULT 'queued',
        attempts     INTEGER NOT NULL DEFAULT 0,
        next_attempt INTEGER NOT NULL DEFAULT 0,
        discovered   INTEGER NOT NULL,
        reference    INTEGER,
        last_error   TEXT,
        article_id   INTEGER REFERENCES articles(id)
    );
    CREATE INDEX frontier_due ON frontier(state, next_attempt);
    "#,
    // 5: dates as known. `known_time` is the publication time, else the start of the day the page
    // states, else NULL: listings sort and filter on it, and an undated article is never given
    // its ingest time. A story's first/last seen come from its members' known times and are
    // NULL for a story of undated articles, so the stories table is rebuilt with nullable
    // columns (SQLite cannot drop NOT NULL in place).
    r#"
    ALTER TABLE articles ADD COLUMN known_time INTEGER;
    UPDATE articles SET known_time = COALESCE(published, CAST(strftime('%s', published_date) AS INTEGER));
    CREATE INDEX articles_known_time ON articles(known_time DESC, id DESC);
    CREATE INDEX articles_story_known ON articles(story_id, known_time);
    CREATE TABLE stories_v5 (
        id            INTEGER PRIMARY KEY,
        thread_id     INTEGER NOT NULL,
        first_seen    INTEGER,
        last_seen     INTEGER,
        articles      INTEGER NOT NULL,
        outlets       INTEGER NOT NULL,
        title_article INTEGER REFERENCES articles(id),
        section       TEXT,
        top_terms     TEXT NOT NULL,
        top_names     TEXT NOT NULL
    );
    INSERT INTO stories_v5 (id, thread_id, first_seen, last_seen, articles, outlets, title_article, section,
                            top_terms, top_names)
        SELECT s.id, s.thread_id,
               (SELECT MIN(a.known_time) FROM articles a WHERE a.story_id = s.id),
               (SELECT MAX(a.known_time) FROM articles a WHERE a.story_id = s.id),
               s.articles, s.outlets, s.title_article, s.section, s.top_terms, s.top_names
        FROM stories s;
    DROP TABLE stories;
    ALTER TABLE stories_v5 RENAME TO stories;
    CREATE INDEX stories_last_seen ON stories(last_seen DESC);
    CREATE INDEX stories_thread ON stories(thread_id);
    "#,
    // 6: each outlet's index of leads (see `leads.rs`): hashed heads of its articles' leads and
    // of their bodies' tails, and how far the pass that strips other articles' leads has got.
    r#"
    CREATE TABLE lead_keys (
        outlet_id  TEXT NOT NULL,
        kind       INTEGER NOT NULL,
        key        INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id),
        PRIMARY KEY (outlet_id, kind, key, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX lead_keys_article ON lead_keys(article_id, kind);
    CREATE TABLE lead_progress (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        upto INTEGER NOT NULL
    );
    "#,
    // 7: who is in the news (see `entities.rs`): entities across articles, every spelling and
    // role seen, each mention and quotation with its place in its article, and how far the pass
    // that annotates articles has got. A bare name merged into the full name that owns it keeps
    // its row (`merged_into`), so its key still finds the entity.
    r#"
    CREATE TABLE entities (
        id          INTEGER PRIMARY KEY,
        kind        TEXT NOT NULL,
        key         TEXT NOT NULL,
        name        TEXT NOT NULL,
        mentions    INTEGER NOT NULL DEFAULT 0,
        articles    INTEGER NOT NULL DEFAULT 0,
        merged_into INTEGER REFERENCES entities(id),
        UNIQUE (kind, key)
    );
    CREATE INDEX entities_articles ON entities(articles DESC) WHERE merged_into IS NULL;
    CREATE TABLE entity_names (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        name      TEXT NOT NULL,
        folded    TEXT NOT NULL,
        count     INTEGER NOT NULL,
        PRIMARY KEY (entity_id, name)
    ) WITHOUT ROWID;
    CREATE INDEX entity_names_folded ON entity_names(folded);
    CREATE TABLE entity_roles (
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        role      TEXT NOT NULL,
        count     INTEGER NOT NULL,
        PRIMARY KEY (entity_id, role)
    ) WITHOUT ROWID;
    CREATE TABLE mentions (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        entity_id  INTEGER NOT NULL REFERENCES entities(id),
        block      INTEGER NOT NULL,
        start      INTEGER NOT NULL,
        end        INTEGER NOT NULL
    );
    CREATE INDEX mentions_entity ON mentions(entity_id, article_id);
    CREATE INDEX mentions_article ON mentions(article_id);
    CREATE TABLE quotes (
        id          INTEGER PRIMARY KEY,
        article_id  INTEGER NOT NULL REFERENCES articles(id),
        entity_id   INTEGER REFERENCES entities(id),
        block       INTEGER NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        sentence    INTEGER NOT NULL,
        form        TEXT NOT NULL,
        attribution TEXT,
        text        TEXT NOT NULL
    );
    CREATE INDEX quotes_entity ON quotes(entity_id, article_id);
    CREATE INDEX quotes_article ON quotes(article_id);
    CREATE TABLE entity_progress (
        id   INTEGER PRIMARY KEY CHECK (id = 1),
        upto INTEGER NOT NULL
    );
    "#,
    // 8: the entities merged into each entity, indexed: deleting or merging an entity checks its
    // `merged_into` children, which without an index is a scan of every entity per row.
    r#"
    CREATE INDEX entities_merged_into ON entities(merged_into) WHERE merged_into IS NOT NULL;
    "#,
];

/// The schema version this build writes.
pub fn current_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Brings the database up to the current version.
pub fn migrate(conn: &mut Connection, path: &std::path::Path) -> Result<()> {
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > current_version() {
        return Err(StoreError::SchemaTooNew { path: path.into(), found, supported: current_version() });
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
