# shellcheck shell=bash
# shellcheck disable=SC2154 # $peercert, $work and $runs are the sourcing script's
# What scripts/bench.d/national and national-postgresql share, so that both backends are
# measured on the same rows in the same way: the data, the floor's SQL, and the measures. The
# measures use $peercert, $work (for their files) and $runs of the script that sources this.

# Credentials issued over two years before 2026-11-24, so that expiries spread evenly.
credentials_csv() { # credentials_csv N
  awk -v n="$1" 'BEGIN {
    print "credential_number,program,issued_on,first_name,last_name,email"
    for (i = 1; i <= n; i++) {
      d = i % 730; y = 2024 + (d >= 365); doy = d % 365
      m = int(doy / 31) + 1; day = doy % 28 + 1
      # One holder in a thousand has an accented name, for the search of scripts/bench.
      if (i % 1000 == 0) {
        printf "MO-CPS-%07d,MO-CPS,%04d-%02d-%02d,José,Núñez,jn%d@example.org\n", i, y, m, day, i
      } else {
        printf "MO-CPS-%07d,MO-CPS,%04d-%02d-%02d,Holder%d,Number%d,h%d@example.org\n", i, y, m, day, i, i, i
      }
    }
  }'
}

# CE rows FIRST to LAST of a roster spread over N credentials, round after round.
roster_csv() { # roster_csv N FIRST LAST
  awk -v n="$1" -v first="$2" -v last="$3" 'BEGIN {
    print "credential_number,completed_on,hours,category,delivery,provider,title"
    split("general,general,general,ethics", cat, ","); split("live,self_study", del, ",")
    for (r = first; r <= last; r++) {
      i = (r - 1) % n + 1; k = int((r - 1) / n)
      printf "MO-CPS-%07d,2026-%02d-%02d,%s,%s,%s,Provider %d,Course %d\n", i, k % 10 + 1, (r % 28) + 1, (k % 3 ? "1.5" : "2"), cat[k % 4 + 1], del[k % 2 + 1], k % 50, k
    }
  }'
}

# The large database's rows into PEERCERT_DB: its credentials, then its CE rows two million at a
# time, through peercert's own imports.
load_big() { # load_big PEERCERT CREDENTIALS CE_ROWS WORK_DIR
  credentials_csv "$2" > "$4/big-credentials.csv"
  "$1" --as-of 2026-11-24 credential import "$4/big-credentials.csv" > /dev/null
  for first in $(seq 1 2000000 "$3"); do
    last=$((first + 1999999 < $3 ? first + 1999999 : $3))
    roster_csv "$2" "$first" "$last" > "$4/big-roster.csv"
    "$1" --as-of 2026-11-24 ceu import "$4/big-roster.csv" > /dev/null
  done
  rm -f "$4/big-roster.csv" "$4/big-credentials.csv"
}

# The hand-written floor of report reminders: one query over the raw CE rows of the default
# window, which a covering index on (credential_id, completed_on, hours, voided_at) serves.
# shellcheck disable=SC2034 # read by the scripts that source this file
floor_sql="SELECT c.credential_number, y.expires_on, coalesce(sum(e.hours), 0)
  FROM credential_cycles y JOIN credentials c ON c.id = y.credential_id
  LEFT JOIN ce_entries e ON e.credential_id = y.credential_id AND e.voided_at IS NULL
    AND e.completed_on BETWEEN y.counts_from AND y.expires_on
  WHERE y.expires_on BETWEEN '2026-08-26' AND '2027-02-22'
  GROUP BY y.credential_id, y.number, c.credential_number, y.expires_on;"

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

seconds() { # seconds COMMAND... -> wall seconds of one run; its output in $work/out
  /usr/bin/time -f "%e" -o "$work/time" "$@" > "$work/out" 2> "$work/err" ||
    { cat "$work/err" >&2; exit 1; }
  cat "$work/time"
}

# renewal status of one credential of PEERCERT_DB's N, 200 different ones: the p99 in ms,
# process start (and a server's connection) included.
status_p99() { # status_p99 N
  local i number start
  : > "$work/status"
  for i in $(seq 200); do
    number=$(printf 'MO-CPS-%07d' $(( (i * 7919) % $1 + 1 )))
    start=$(date +%s%N)
    "$peercert" --as-of 2026-11-24 renewal status --credential "$number" > /dev/null
    echo $(( ($(date +%s%N) - start) / 1000 )) >> "$work/status"
  done
  sort -n "$work/status" | awk '{ v[NR] = $1 } END { printf "%.1f\n", v[int(NR * 0.99)] / 1000 }'
}

# peercert serve over PEERCERT_DB, whose user "bench" logs in and opens the staff reminder page
# $runs times: "SERVE_START_S FIRST_BYTE_MS WORST_FIRST_BYTE_MS WHOLE_PAGE_MS BYTES"; the server
# is stopped whatever happens.
served_page() {
  local port="" started start_s server
  "$peercert" serve --listen 127.0.0.1:0 --as-of 2026-11-24 2> "$work/serve.log" &
  server=$!
  started=$(date +%s%N)
  for _ in $(seq 1 6000); do # serve checks a small file whole before it listens
    port=$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$work/serve.log")
    [ -n "$port" ] && break
    sleep 0.1
  done
  start_s=$(awk -v ns=$(( $(date +%s%N) - started )) 'BEGIN { printf "%.1f", ns / 1e9 }')
  if [ -z "$port" ]; then
    kill -TERM "$server" 2> /dev/null || true
    echo "FAIL: serve did not start" >&2; cat "$work/serve.log" >&2; exit 1
  fi
  echo "$start_s $(python3 scripts/bench.d/page_first_byte.py "$port" bench "bench horse battery staple" "$runs")"
  kill -TERM "$server" && wait "$server" || true
}
