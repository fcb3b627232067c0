# shellcheck shell=bash
# The national benchmarks' data, sourced by scripts/bench.d/national and national-postgresql so
# that both backends are measured on the same rows.

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
