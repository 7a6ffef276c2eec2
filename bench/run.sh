#!/usr/bin/env bash
# The benchmark of quality.md, in one command:
#
#   bash bench/run.sh [offline|online|scale|all]        (default: all)
#
# Generates W(N) for this plugin, psql, Flyway, Liquibase and Alembic (bench/generate),
# starts one loopback PostgreSQL for every tool, times each command (median of
# BENCH_RUNS runs, each on a freshly created database) and writes bench/RESULTS.md.
# Everything it makes goes to bench/work/ (gitignored): raw timings in results-online.tsv
# and results-offline.tsv, what the machine was in meta/<batch>.txt, the output of every
# command in logs/. A run replaces the rows of the mode and tools it measures and keeps
# the others' (so `offline` alone refreshes the offline tables, and BENCH_TOOLS="plugin
# psql" keeps the last Flyway, Liquibase and Alembic figures); RESULTS.md names the batch
# (start time and command) that every figure comes from.
#
# "online" also measures the plugin's first run (an empty target/migrate, as a CI build from a
# fresh clone) beside the warm one, the plugin's goal skipped (-Dmigrate.skip: what of the no-op
# is Maven's) and psql -f of the plugin's own upgrade and downgrade scripts (migrate:sql: what
# it sends, a transaction per revision with its version and history rows: the server's share);
# "scale" upgrades W(1000) and W(10000) with the plugin under MAVEN_OPTS=-Xmx256m and with
# psql -f of one transaction per revision, each but the last with synchronous_commit off as the
# plugin sends them (results-scale.tsv).
#
# Knobs (environment): BENCH_RUNS (3), BENCH_ONLINE_SIZES ("100 500 1000"),
# BENCH_SCALE_SIZES ("1000 10000"), BENCH_SCALE_RUNS (1), BENCH_FIRST_RUN (1: measure first runs too),
# BENCH_OFFLINE_SIZES ("100 1000 10000"), BENCH_TOOLS ("plugin psql flyway liquibase
# alembic"), BENCH_REF_SIZES (the online sizes at which Flyway, Liquibase and Alembic run;
# default: all of BENCH_ONLINE_SIZES; the bars need only 500, and Liquibase at W(1000) is
# slow on a busy machine), BENCH_TIMEOUT (seconds per command, 900), BENCH_PGPORT (55432),
# BENCH_PLUGIN_REPO (/work/main) and BENCH_PLUGIN_REF (main): that commit is exported and
# installed before the plugin runs, as version 0.1.0-bench so that nobody else's `mvn install` of
# 0.1.0-SNAPSHOT into the shared ~/.m2 can swap the plugin under a run;
# BENCH_SKIP_INSTALL=1 measures what ~/.m2 holds instead: BENCH_PLUGIN_VERSION, by default
# 0.1.0-SNAPSHOT; 0.1.0-bench is what the last install here left).
#
# A tool that fails is recorded as failed and the run goes on: the plugin is measured
# while it is being written, and its failures belong in the results, not in an abort.
set -uo pipefail

MODE=${1:-all}
case "$MODE" in offline|online|scale|all) ;; *) echo "usage: bash bench/run.sh [offline|online|scale|all]" >&2; exit 2 ;; esac

BENCH=$(cd "$(dirname "$0")" && pwd)
WORK=$BENCH/work
RUNS=${BENCH_RUNS:-3}
ONLINE_SIZES=${BENCH_ONLINE_SIZES:-"100 500 1000"}
OFFLINE_SIZES=${BENCH_OFFLINE_SIZES:-"100 1000 10000"}
SCALE_SIZES=${BENCH_SCALE_SIZES:-"1000 10000"}
SCALE_RUNS=${BENCH_SCALE_RUNS:-1}
FIRST_RUN=${BENCH_FIRST_RUN:-1}
TOOLS=${BENCH_TOOLS:-"plugin psql flyway liquibase alembic"}
REF_SIZES=${BENCH_REF_SIZES:-$ONLINE_SIZES}
RUN_TIMEOUT=${BENCH_TIMEOUT:-900}
PGPORT=${BENCH_PGPORT:-55432}
PLUGIN_REPO=${BENCH_PLUGIN_REPO:-/work/main}
PLUGIN_REF=${BENCH_PLUGIN_REF:-main}
BATCH=$(date -u +%Y-%m-%dT%H:%M:%SZ)
RAW=
META=$WORK/meta/$BATCH.txt
LOGS=$WORK/logs
PY=/usr/bin/python3          # Debian's python, which python3-alembic installs into
PG_HOST=127.0.0.1
PG_USER=bench

# Keep the measured tools quiet and off the (closed) network.
export REDGATE_DISABLE_TELEMETRY=true LIQUIBASE_ANALYTICS_ENABLED=false LIQUIBASE_SHOW_BANNER=false
unset MAVEN_OPTS
MVN=(mvn -B -q)

say() { printf '%s bench: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
has_tool() { [[ " $TOOLS " == *" $1 "* ]]; }

# ------------------------------------------------------------------ prerequisites

apt_install() {
  say "installing Debian packages: $*"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >"$LOGS/apt.log" 2>&1; then
    apt-get update -q >>"$LOGS/apt.log" 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >>"$LOGS/apt.log" 2>&1
  fi
}

prerequisites() {
  [ -x /usr/bin/time ] || apt_install time
  if has_tool alembic && ! $PY -c 'import alembic, psycopg2' 2>/dev/null; then
    apt_install python3-alembic python3-psycopg2
  fi
  if [ "$MODE" != offline ] && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt_install postgresql
  fi
}

# ------------------------------------------------------------------ PostgreSQL

PG_BIN=
PG_DATA=$WORK/pg/data
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    useradd --system --no-create-home postgres
  fi
  mkdir -p "$WORK/pg"
  [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
  # A cluster from an earlier run may still be up; stop it so each run starts the same way.
  [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1
  rm -rf "$PG_DATA"
  say "initdb ($PG_BIN), default settings, port $PGPORT on $PG_HOST"
  as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
    >"$LOGS/initdb.log" 2>&1 || { cat "$LOGS/initdb.log" >&2; exit 1; }
  as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$WORK/pg/server.log" -w \
    -o "-p $PGPORT -c listen_addresses=$PG_HOST -k $WORK/pg" start >"$LOGS/pg_ctl.log" 2>&1 \
    || { cat "$LOGS/pg_ctl.log" "$WORK/pg/server.log" >&2; exit 1; }
  trap stop_postgres EXIT
  # The tools migrate as an ordinary role that owns its database, as in production.
  "$PG_BIN/psql" -X -q -h "$PG_HOST" -p "$PGPORT" -U postgres -d postgres \
    -c "CREATE ROLE $PG_USER LOGIN CREATEDB" >/dev/null
  PG_VERSION=$("$PG_BIN/psql" -X -At -h "$PG_HOST" -p "$PGPORT" -U postgres -d postgres -c 'SHOW server_version')
  echo "postgres=PostgreSQL $PG_VERSION (Debian, $PG_BIN), loopback TCP, default settings" >>"$META"
}

stop_postgres() {
  [ -n "$PG_BIN" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null 2>&1
}

fresh_db() {
  "$PG_BIN/dropdb" -h "$PG_HOST" -p "$PGPORT" -U "$PG_USER" --if-exists "$1" 2>/dev/null \
    && "$PG_BIN/createdb" -h "$PG_HOST" -p "$PGPORT" -U "$PG_USER" "$1"
}
drop_db() { "$PG_BIN/dropdb" -h "$PG_HOST" -p "$PGPORT" -U "$PG_USER" --if-exists "$1" 2>/dev/null; }
jdbc_url() { echo "jdbc:postgresql://$PG_HOST:$PGPORT/$1"; }

# ------------------------------------------------------------------ timing

# measure MEASURE TOOL N RUN -- COMMAND...: wall time (ns clock) and peak RSS of one command,
# appended to results.tsv as: measure tool n run seconds rss_kib status cpu_seconds (user+sys of
# the command and its children: less sensitive than wall time to a busy machine)
LAST_STATUS=ok
measure() {
  local what=$1 tool=$2 n=$3 run=$4; shift 5
  local log="$LOGS/$what-$tool-$n-$run.log" usage_file="$WORK/usage.$$" start end rc rss cpu
  start=$(date +%s%N)
  /usr/bin/time -f '%M %U %S' -o "$usage_file" timeout "$RUN_TIMEOUT" "$@" >"$log" 2>&1
  rc=$?
  end=$(date +%s%N)
  read -r rss cpu < <(tail -n 1 "$usage_file" 2>/dev/null | awk '{ printf "%s %.2f\n", $1, $2 + $3 }'); rm -f "$usage_file"
  case $rc in 0) LAST_STATUS=ok ;; 124) LAST_STATUS=timeout ;; *) LAST_STATUS=failed ;; esac
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$what" "$tool" "$n" "$run" \
    "$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" "${rss:-0}" "$LAST_STATUS" "${cpu:-}" \
    "$BATCH" >>"$RAW"
  [ "$LAST_STATUS" = ok ] || say "$what $tool W($n) run $run: $LAST_STATUS (see ${log#$BENCH/})"
  [ "$LAST_STATUS" = ok ]
}
# not_run MEASURE TOOL N RUN REASON: a measure that could not start (its upgrade failed).
not_run() { printf '%s\t%s\t%s\t%s\t\t\t%s\t\t%s\n' "$1" "$2" "$3" "$4" "$5" "$BATCH" >>"$RAW"; }

# begin_results FILE: the results file of a mode, keeping the rows of tools this run does not measure.
begin_results() {
  RAW=$1
  local header kept=""
  header=$(printf 'measure\ttool\tn\trun\tseconds\trss_kib\tstatus\tcpu_seconds\tbatch')
  [ -f "$RAW" ] && [ "$(head -n 1 "$RAW")" = "$header" ] \
    && kept=$(tail -n +2 "$RAW" | awk -F '\t' -v tools=" $TOOLS " 'index(tools, " " $2 " ") == 0')
  { echo "$header"; [ -z "$kept" ] || echo "$kept"; } >"$RAW.new" && mv "$RAW.new" "$RAW"
}

# ------------------------------------------------------------------ the plugin

PLUGIN_OK=0
PLUGIN_VERSION=0.1.0-bench
install_plugin() {
  if [ "${BENCH_SKIP_INSTALL:-0}" = 1 ]; then
    PLUGIN_VERSION=${BENCH_PLUGIN_VERSION:-0.1.0-SNAPSHOT}
    local origin=""
    [ "$PLUGIN_VERSION" = 0.1.0-bench ] && origin=", $(cat "$WORK/plugin-src/.bench-origin" 2>/dev/null)"
    echo "plugin=dev.migrate:migrate-maven-plugin:$PLUGIN_VERSION as found in ~/.m2 (BENCH_SKIP_INSTALL=1$origin)" >>"$META"
    PLUGIN_OK=1; return
  fi
  local sha src=$WORK/plugin-src
  sha=$(git -C "$PLUGIN_REPO" rev-parse --short=12 "$PLUGIN_REF")
  say "installing the plugin from $PLUGIN_REPO $PLUGIN_REF ($sha)"
  rm -rf "$src" && mkdir -p "$src"
  # A clean export of main, so nobody's uncommitted work is measured.
  git -C "$PLUGIN_REPO" archive "$sha" | tar -x -C "$src"
  # The project's own version is the first <version> of its pom (it has no parent).
  sed -i "0,/<version>0.1.0-SNAPSHOT<\/version>/s//<version>$PLUGIN_VERSION<\/version>/" "$src/pom.xml"
  sed -i "s/0.1.0-SNAPSHOT/$PLUGIN_VERSION/" "$src"/src-samples/*/pom.xml 2>/dev/null
  if (cd "$src" && "${MVN[@]}" -o install -DskipTests -Dinvoker.skip) >"$LOGS/plugin-install.log" 2>&1; then
    PLUGIN_OK=1
    echo "built from $PLUGIN_REF at $sha" >"$src/.bench-origin"
    echo "plugin=dev.migrate:migrate-maven-plugin built from $PLUGIN_REF at $sha (installed as $PLUGIN_VERSION)" >>"$META"
  else
    say "plugin install failed (see ${LOGS#$BENCH/}/plugin-install.log); its measures are recorded as failed"
    echo "plugin=install of $PLUGIN_REF at $sha FAILED (mvn -B -q -o install -DskipTests -Dinvoker.skip)" >>"$META"
  fi
}

# ------------------------------------------------------------------ workloads

generate() {  # generate DIR N TOOLS...: W(N) into DIR/<tool>/
  local dir=$1 n=$2 tools; shift 2
  tools=$(IFS=,; echo "$*")
  "$PY" "$BENCH/generate" "$n" "$dir" --tools "$tools" --plugin-version "$PLUGIN_VERSION" \
    || { say "generate W($n) failed"; exit 1; }
}

# Downloads what the Maven-based tools need (the first time only), untimed, on W(1), so
# every timed run below can be offline (-o) and none pays for a download.
warm_up() {
  generate "$WORK/w1" 1 flyway liquibase
  local db=bench_warmup
  if has_tool flyway; then
    fresh_db $db
    "${MVN[@]}" -f "$WORK/w1/flyway/pom.xml" flyway:migrate -Dflyway.url="$(jdbc_url $db)" \
      -Dflyway.user=$PG_USER >"$LOGS/warmup-flyway.log" 2>&1 || say "Flyway warm-up failed (see logs/warmup-flyway.log)"
  fi
  if has_tool liquibase; then
    fresh_db $db
    "${MVN[@]}" -f "$WORK/w1/liquibase/pom.xml" liquibase:update liquibase:rollback -Dliquibase.rollbackCount=1 \
      -Dliquibase.url="$(jdbc_url $db)" -Dliquibase.username=$PG_USER \
      >"$LOGS/warmup-liquibase.log" 2>&1 || say "Liquibase warm-up failed (see logs/warmup-liquibase.log)"
  fi
  drop_db $db
}

# ------------------------------------------------------------------ online

# The commands of each tool, for database $DB and workload directory $W.
up_cmd() {
  case $1 in
    plugin)    UP=("${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:upgrade -Dmigrate.url="$(jdbc_url "$DB")" -Dmigrate.username=$PG_USER) ;;
    psql)      UP=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PGPORT" -U $PG_USER -d "$DB" -1 -f "$W/psql/upgrade.sql") ;;
    flyway)    UP=("${MVN[@]}" -o -f "$W/flyway/pom.xml" flyway:migrate -Dflyway.url="$(jdbc_url "$DB")" -Dflyway.user=$PG_USER) ;;
    liquibase) UP=("${MVN[@]}" -o -f "$W/liquibase/pom.xml" liquibase:update -Dliquibase.url="$(jdbc_url "$DB")" -Dliquibase.username=$PG_USER) ;;
    alembic)   UP=(env BENCH_DB_URL="postgresql+psycopg2://$PG_USER@$PG_HOST:$PGPORT/$DB" "$PY" -m alembic -c "$W/alembic/alembic.ini" upgrade head) ;;
  esac
}
down_cmd() {  # empty DOWN: the tool has no downgrade (Flyway's undo is not open source)
  DOWN=()
  case $1 in
    plugin)    DOWN=("${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:downgrade -Dmigrate.target=base -Dmigrate.url="$(jdbc_url "$DB")" -Dmigrate.username=$PG_USER) ;;
    psql)      DOWN=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PGPORT" -U $PG_USER -d "$DB" -1 -f "$W/psql/downgrade.sql") ;;
    liquibase) DOWN=("${MVN[@]}" -o -f "$W/liquibase/pom.xml" liquibase:rollback -Dliquibase.rollbackCount="$2" -Dliquibase.url="$(jdbc_url "$DB")" -Dliquibase.username=$PG_USER) ;;
    alembic)   DOWN=(env BENCH_DB_URL="postgresql+psycopg2://$PG_USER@$PG_HOST:$PGPORT/$DB" "$PY" -m alembic -c "$W/alembic/alembic.ini" downgrade base) ;;
  esac
}

# The plugin's own scripts for psql (untimed): what a run of it sends, written by migrate:sql for
# this server's major, so that psql -f of them is the server's share of the plugin's time.
plugin_scripts() {
  rm -f "$W/psql/plugin-upgrade.sql" "$W/psql/plugin-downgrade.sql"
  has_tool plugin && has_tool psql && [ $PLUGIN_OK = 1 ] || return 0
  local major=${PG_VERSION%%.*}
  "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:sql -Dmigrate.postgresVersion="$major" \
      -Dmigrate.outputFile="$W/psql/plugin-upgrade.sql" >"$LOGS/plugin-scripts-$n.log" 2>&1 \
    && "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:sql -Dmigrate.postgresVersion="$major" -Dmigrate.from=head \
      -Dmigrate.target=base -Dmigrate.outputFile="$W/psql/plugin-downgrade.sql" >>"$LOGS/plugin-scripts-$n.log" 2>&1 \
    || { say "migrate:sql of W($n) failed (see logs/plugin-scripts-$n.log)"; rm -f "$W/psql/plugin-"*.sql; }
}

online() {
  begin_results "$WORK/results-online.tsv"
  start_postgres
  has_tool flyway || has_tool liquibase && warm_up
  local n run tool
  for n in $ONLINE_SIZES; do
    say "online W($n): generating"
    # shellcheck disable=SC2086
    W=$WORK/w$n
    generate "$W" "$n" $TOOLS
    plugin_scripts
    for run in $(seq 1 "$RUNS"); do
      for tool in $TOOLS; do
        case $tool in flyway|liquibase|alembic) [[ " $REF_SIZES " == *" $n "* ]] || continue ;; esac
        case $tool in plugin|flyway|liquibase)
          measure validate "$tool" "$n" "$run" -- "${MVN[@]}" -o -f "$W/$tool/pom.xml" validate ;;
        esac
        if [ "$tool" = plugin ] && [ $PLUGIN_OK = 0 ]; then
          for m in upgrade noop downgrade; do not_run $m plugin "$n" "$run" "failed: plugin not installed"; done
          continue
        fi
        DB="bench_${tool}_$n"
        up_cmd "$tool"; down_cmd "$tool" "$n"
        if [ "$tool" = plugin ] && [ "$FIRST_RUN" = 1 ]; then
          # First runs: target/migrate emptied before each (nothing parsed, validated, replayed or derived yet).
          # They also leave the cache the warm runs below find, as a project's first build does for its second.
          say "online W($n) run $run: plugin, first runs"
          fresh_db "$DB" || { say "createdb $DB failed"; exit 1; }
          rm -rf "$W/plugin/target"
          if measure upgrade-first plugin "$n" "$run" -- "${UP[@]}"; then
            rm -rf "$W/plugin/target"
            measure downgrade-first plugin "$n" "$run" -- "${DOWN[@]}"
          else
            not_run downgrade-first plugin "$n" "$run" "not run: upgrade $LAST_STATUS"
          fi
        fi
        fresh_db "$DB" || { say "createdb $DB failed"; exit 1; }
        say "online W($n) run $run: $tool"
        if measure upgrade "$tool" "$n" "$run" -- "${UP[@]}"; then
          [ "$tool" = psql ] || measure noop "$tool" "$n" "$run" -- "${UP[@]}"
          # the part of the no-op that is Maven's: loading the plugin and configuring the goal
          [ "$tool" = plugin ] && measure skip plugin "$n" "$run" -- "${UP[@]}" -Dmigrate.skip
          [ ${#DOWN[@]} = 0 ] || measure downgrade "$tool" "$n" "$run" -- "${DOWN[@]}"
          # the server's share of the plugin's runs: psql -f of the very script the plugin sends
          # (migrate:sql: a transaction per revision, with its version and history rows)
          if [ "$tool" = psql ] && [ -s "$W/psql/plugin-downgrade.sql" ]; then
            fresh_db "$DB"
            PSQL_SCRIPT=("$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PGPORT" -U $PG_USER -d "$DB")
            if measure upgrade-script psql "$n" "$run" -- "${PSQL_SCRIPT[@]}" -f "$W/psql/plugin-upgrade.sql"; then
              measure downgrade-script psql "$n" "$run" -- "${PSQL_SCRIPT[@]}" -f "$W/psql/plugin-downgrade.sql"
            fi
          fi
        else
          [ "$tool" = psql ] || not_run noop "$tool" "$n" "$run" "not run: upgrade $LAST_STATUS"
          [ ${#DOWN[@]} = 0 ] || not_run downgrade "$tool" "$n" "$run" "not run: upgrade $LAST_STATUS"
        fi
        drop_db "$DB"
      done
    done
  done
  # quality.md: a whole-run transaction of W(1000) can exceed the default
  # max_locks_per_transaction, and transactionMode=all must then say so clearly. Once each
  # way; the report quotes the message of whichever fails (on PostgreSQL 15 the upgrade
  # fits the lock table and the reverse does not, as psql -1 shows).
  if has_tool plugin && [ $PLUGIN_OK = 1 ] && [[ " $ONLINE_SIZES " == *" 1000 "* ]]; then
    W=$WORK/w1000 DB=bench_plugin_all
    fresh_db "$DB"
    if measure upgrade-all-mode plugin 1000 1 -- "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:upgrade \
      -Dmigrate.transactionMode=all -Dmigrate.url="$(jdbc_url "$DB")" -Dmigrate.username=$PG_USER; then
      measure downgrade-all-mode plugin 1000 1 -- "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:downgrade \
        -Dmigrate.target=base -Dmigrate.transactionMode=all -Dmigrate.url="$(jdbc_url "$DB")" -Dmigrate.username=$PG_USER
    fi
    drop_db "$DB"
  fi
}

# ------------------------------------------------------------------ scale

# The plugin's upgrade of W(1000) and W(10000) on an empty database with MAVEN_OPTS=-Xmx256m (its peak
# memory), against psql -f of the same DDL with one transaction per revision (one transaction of
# W(10000) exceeds the default max_locks_per_transaction); its cost per revision should stay flat.
scale() {
  begin_results "$WORK/results-scale.tsv"
  [ -n "$PG_BIN" ] || start_postgres
  local n run tool
  for n in $SCALE_SIZES; do
    say "scale W($n): generating"
    W=$WORK/scale/w$n
    generate "$W" "$n" plugin psql
    for run in $(seq 1 "$SCALE_RUNS"); do
      for tool in $TOOLS; do
        DB="bench_scale_${tool}_$n"
        case $tool in
          plugin)
            [ $PLUGIN_OK = 1 ] || { not_run upgrade-scale plugin "$n" "$run" "failed: plugin not installed"; continue; }
            measure validate-scale plugin "$n" "$run" -- env MAVEN_OPTS=-Xmx256m "${MVN[@]}" -o -f "$W/plugin/pom.xml" validate
            fresh_db "$DB"
            # untimed: the cache of target/migrate filled, as for the warm online runs
            "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:validate >"$LOGS/scale-warmup-$n.log" 2>&1
            say "scale W($n) run $run: plugin"
            measure upgrade-scale plugin "$n" "$run" -- env MAVEN_OPTS=-Xmx256m "${MVN[@]}" -o -f "$W/plugin/pom.xml" \
              migrate:upgrade -Dmigrate.url="$(jdbc_url "$DB")" -Dmigrate.username=$PG_USER ;;
          psql)
            fresh_db "$DB"
            say "scale W($n) run $run: psql -f, one transaction per revision"
            measure upgrade-scale psql "$n" "$run" -- "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PGPORT" \
              -U $PG_USER -d "$DB" -f "$W/psql/upgrade-per-revision.sql" ;;
          *) continue ;;
        esac
        drop_db "$DB"
      done
    done
  done
}

# ------------------------------------------------------------------ offline

offline() {
  has_tool plugin || return 0
  begin_results "$WORK/results-offline.tsv"
  local n run
  for n in $OFFLINE_SIZES; do
    say "offline W($n): generating"
    # Its own copy, so an offline and an online run can go on side by side.
    W=$WORK/offline/w$n
    generate "$W" "$n" plugin
    for run in $(seq 1 "$RUNS"); do
      say "offline W($n) run $run"
      measure validate-offline plugin "$n" "$run" -- "${MVN[@]}" -o -f "$W/plugin/pom.xml" validate
      if [ $PLUGIN_OK = 0 ]; then
        for m in sql sql-xmx256m history heads; do not_run $m plugin "$n" "$run" "failed: plugin not installed"; done
        continue
      fi
      measure sql plugin "$n" "$run" -- "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:sql
      measure sql-xmx256m plugin "$n" "$run" -- env MAVEN_OPTS=-Xmx256m "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:sql
      measure history plugin "$n" "$run" -- "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:history
      measure heads plugin "$n" "$run" -- "${MVN[@]}" -o -f "$W/plugin/pom.xml" migrate:heads
    done
  done
  # migrate:verify of the sample project (embedded PostgreSQL start-up included), if main has one.
  local sample
  sample=$(dirname "$(ls "$WORK"/plugin-src/src-samples/*/pom.xml 2>/dev/null | head -1)")
  if [ $PLUGIN_OK = 1 ] && [ -f "$sample/pom.xml" ]; then
    for run in $(seq 1 "$RUNS"); do
      rm -rf "$sample/target"
      measure verify-sample plugin 0 "$run" -- "${MVN[@]}" -o -f "$sample/pom.xml" migrate:verify
    done
  else
    not_run verify-sample plugin 0 1 "not run: no sample project (src-samples/*/pom.xml) on main"
  fi
}

# ------------------------------------------------------------------ main

mkdir -p "$WORK" "$LOGS" "$WORK/meta"
pgrep -f 'bench/run\.sh' >"$WORK/others.$$"   # straight from this shell, so no subshell of ours is listed
others=$(grep -v -x "$$" "$WORK/others.$$" | tr '\n' ' '); rm -f "$WORK/others.$$"
{
  echo "command=$(env | grep '^BENCH_' | sort | sed 's/=\(.*\)/="\1"/' | tr '\n' ' ')bash bench/run.sh $MODE"
  settings="$RUNS runs per cell"
  [ "$MODE" = offline ] || [ "$MODE" = scale ] || settings+="; online sizes $ONLINE_SIZES"
  [ "$MODE" = offline ] || [ "$MODE" = online ] || settings+="; scale sizes $SCALE_SIZES ($SCALE_RUNS run each)"
  [ "$MODE" = offline ] || [ "$MODE" = scale ] || ! { has_tool flyway || has_tool liquibase || has_tool alembic; } \
    || settings+=" (Flyway, Liquibase, Alembic at $REF_SIZES)"
  [ "$MODE" = online ] || [ "$MODE" = scale ] || settings+="; offline sizes $OFFLINE_SIZES"
  echo "settings=$settings"
  echo "tools=$TOOLS"
  [ -z "$others" ] || echo "note=another bench/run.sh (pid $others) was running when this one started: each adds its own load"
  echo "started=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "machine=$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')), $(free -g | awk '/^Mem:/ { print $2 }') GiB memory, $(uname -sr)"
  echo "load_before=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "java=$(java -version 2>&1 | head -1)"
  echo "maven=$(mvn -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
  echo "alembic=$($PY -c 'import alembic, sqlalchemy, psycopg2; print("Alembic", alembic.__version__, "/ SQLAlchemy", sqlalchemy.__version__, "/ psycopg2", psycopg2.__version__.split()[0])' 2>/dev/null || echo missing)"
} >"$META"

prerequisites
has_tool plugin && install_plugin
case $MODE in online|all) online ;; esac
case $MODE in scale|all) has_tool plugin || has_tool psql && scale ;; esac
case $MODE in offline|all) offline ;; esac
echo "finished=$(date -u '+%Y-%m-%d %H:%M UTC')" >>"$META"
echo "load_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$META"
"$PY" "$BENCH/report" "$WORK" "$BENCH/RESULTS.md"
say "wrote bench/RESULTS.md"
