#!/usr/bin/env bash
# Search relevance, marsad beside PostgreSQL full-text search, on the same queries and judgements.
#
#   bash bench/search-pg.sh GOLD.tsv CORPUS_DIR [--gold-only | --existing]
#
# Further arguments go to marsad's own run (`--gold-only`: search the gold articles alone;
# `--existing`: search the data directory where the corpus is already ingested, `--data DIR`).
# `marsad eval search` ingests CORPUS_DIR into a fresh store, ranks every gold query (an article's
# headline) and scores it; it also exports the searched collection and the queries. PostgreSQL
# then ranks the same queries over the same collection — `ts_rank` over
# `to_tsvector('arabic', title || ' ' || body)`, the query's words OR-ed — and marsad scores that
# run with the same judgements (MRR@10, recall@10, queries with no result).
# PostgreSQL is installed (Debian package) when missing, and runs as a throwaway cluster on a
# Unix socket in a temporary directory, removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
gold=${1:?usage: bash bench/search-pg.sh GOLD.tsv CORPUS_DIR [marsad eval search options]}
corpus=${2:?usage: bash bench/search-pg.sh GOLD.tsv CORPUS_DIR [marsad eval search options]}
shift 2

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
cargo build --release --locked --quiet -p marsad
marsad="$CARGO_TARGET_DIR/release/marsad"

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$pgbin" ]; then
  echo "installing PostgreSQL (Debian package)…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

work=$(mktemp -d)
chmod 755 "$work"
as_pg=()
if [ "$(id -u)" = 0 ]; then as_pg=(runuser -u postgres --); fi
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== marsad"
"$marsad" eval search --gold "$gold" --corpus "$corpus" "$@" --export "$work/x"
chmod -R a+rX "$work/x"

mkdir "$work/pg" "$work/sock"
[ "$(id -u)" = 0 ] && chown postgres "$work/pg" "$work/sock"
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -E UTF8 --locale=C.UTF-8 -A trust >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -o "-k $work/sock -c listen_addresses=''" -l "$work/sock/pg.log" -w start >/dev/null
psql=("${as_pg[@]}" psql -h "$work/sock" -d postgres -v ON_ERROR_STOP=1 -q -X)

# Tab-separated, no quoting: the export replaces tabs and newlines inside fields by spaces.
"${psql[@]}" <<SQL
CREATE TABLE docs (id text PRIMARY KEY, title text, body text, tsv tsvector);
CREATE TABLE queries (id text PRIMARY KEY, q text);
\copy docs (id, title, body) FROM '$work/x/docs.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
\copy queries FROM '$work/x/queries.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
UPDATE docs SET tsv = to_tsvector('arabic', coalesce(title, '') || ' ' || coalesce(body, ''));
CREATE INDEX ON docs USING gin (tsv);
ANALYZE docs;
\copy (SELECT q.id, r.rank, r.doc FROM queries q CROSS JOIN LATERAL (SELECT d.id AS doc, row_number() OVER (ORDER BY ts_rank(d.tsv, x.query) DESC, d.id) AS rank FROM docs d, (SELECT replace(plainto_tsquery('arabic', q.q)::text, ' & ', ' | ')::tsquery AS query) x WHERE d.tsv @@ x.query ORDER BY ts_rank(d.tsv, x.query) DESC, d.id LIMIT 30) r ORDER BY q.id, r.rank) TO '$work/sock/pg.run' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x01')
SQL

echo "== PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') (ts_rank, arabic configuration, words OR-ed)"
"$marsad" eval search --gold "$gold" --corpus "$corpus" --run "$work/sock/pg.run"
