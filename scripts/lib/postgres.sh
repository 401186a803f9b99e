# shellcheck shell=bash
# Throwaway PostgreSQL for the test run: a temp cluster on 127.0.0.1 only,
# fast and unsafe (fsync off) because it is deleted afterwards.
#
# Source it, then:
#   pg_throwaway_start   # sets SAMEN_PG_PORT, SAMEN_PG_DIR, SAMEN_TEST_POSTGRES_URL
#   pg_throwaway_stop    # stops the server and removes the temp dir (idempotent)
# Run it directly (`bash scripts/lib/postgres.sh`) to self-test: start, query, stop.

SAMEN_PG_USER=samen
SAMEN_PG_PASSWORD=samen
SAMEN_PG_DB=samen_test
SAMEN_PG_DIR=""
SAMEN_PG_PORT=""

# Newest installed PostgreSQL's bin dir (Debian puts them under /usr/lib/postgresql/N/bin).
pg_bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [[ -n "$d" && -x "$d/initdb" ]] || { echo "postgres.sh: no initdb under /usr/lib/postgresql/*/bin" >&2; return 1; }
    echo "$d"
}

# The server tools refuse to run as root, so run them as the postgres user then.
pg_as_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# True when something already accepts connections on 127.0.0.1:$1.
pg_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

pg_throwaway_start() {
    local bin port tries=0
    bin=$(pg_bindir) || return 1
    if [[ $EUID -eq 0 ]] && ! id postgres >/dev/null 2>&1; then
        useradd --system --no-create-home --shell /usr/sbin/nologin postgres
    fi

    # /tmp explicitly: postgres must be able to reach the dir, which it could not under /root.
    SAMEN_PG_DIR=$(mktemp -d /tmp/samen-pg.XXXXXX)
    mkdir -p "$SAMEN_PG_DIR/data" "$SAMEN_PG_DIR/sock"
    [[ $EUID -eq 0 ]] && chown -R postgres: "$SAMEN_PG_DIR"

    # Superuser "postgres" reaches the server via the unix socket without a password;
    # TCP (what the app uses) needs the samen role's password, like a real deployment.
    pg_as_owner "$bin/initdb" -D "$SAMEN_PG_DIR/data" -U postgres -E UTF8 --locale=C.UTF-8 \
        --auth-local=trust --auth-host=scram-sha-256 >"$SAMEN_PG_DIR/initdb.log" 2>&1 \
        || { cat "$SAMEN_PG_DIR/initdb.log" >&2; return 1; }

    # Start on the first free port from 55432; retry on a lost race for the port.
    port=${SAMEN_PG_PORT_BASE:-55432}
    while :; do
        if ! pg_port_busy "$port" &&
            pg_as_owner "$bin/pg_ctl" -D "$SAMEN_PG_DIR/data" -l "$SAMEN_PG_DIR/server.log" -w -t 60 \
                -o "-p $port -k $SAMEN_PG_DIR/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=500" \
                start >/dev/null; then
            break
        fi
        tries=$((tries + 1))
        if ((tries >= 20)); then
            echo "postgres.sh: could not start PostgreSQL; server log:" >&2
            cat "$SAMEN_PG_DIR/server.log" >&2 2>/dev/null || true
            return 1
        fi
        port=$((port + 1))
    done
    SAMEN_PG_PORT=$port

    pg_as_owner "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$SAMEN_PG_DIR/sock" -p "$port" -U postgres -d postgres <<SQL
CREATE ROLE $SAMEN_PG_USER LOGIN CREATEDB PASSWORD '$SAMEN_PG_PASSWORD';
CREATE DATABASE $SAMEN_PG_DB OWNER $SAMEN_PG_USER;
SQL

    export SAMEN_TEST_POSTGRES_URL="postgres://$SAMEN_PG_USER:$SAMEN_PG_PASSWORD@127.0.0.1:$port/$SAMEN_PG_DB?tlsmode=disable"
    export SAMEN_PG_PORT SAMEN_PG_DIR
    echo "postgres.sh: PostgreSQL $("$bin/postgres" -V | awk '{print $3}') on 127.0.0.1:$port (data in $SAMEN_PG_DIR)"
}

pg_throwaway_stop() {
    [[ -n "$SAMEN_PG_DIR" && -d "$SAMEN_PG_DIR" ]] || return 0
    local bin
    bin=$(pg_bindir) || true
    if [[ -n "$bin" && -f "$SAMEN_PG_DIR/data/postmaster.pid" ]]; then
        pg_as_owner "$bin/pg_ctl" -D "$SAMEN_PG_DIR/data" -m fast -w -t 30 stop >/dev/null 2>&1 ||
            pg_as_owner "$bin/pg_ctl" -D "$SAMEN_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$SAMEN_PG_DIR"
    SAMEN_PG_DIR=""
}

# Self-test when executed rather than sourced.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    trap pg_throwaway_stop EXIT
    pg_throwaway_start
    # Connect over TCP with the URL itself (psql understands postgres:// URIs,
    # but not the app-side tlsmode parameter, so use sslmode for psql).
    psql "${SAMEN_TEST_POSTGRES_URL%%\?*}?sslmode=disable" -X -At -c "select current_user || '@' || current_database() || ' ' || inet_server_addr()"
    echo "postgres.sh: self-test ok"
fi
