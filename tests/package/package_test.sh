#!/usr/bin/env bash
# The Debian package as a board's IT installs it, without systemd running: unpacks
# build/package/peercert_*.deb into a temporary root, checks its files and control scripts,
# verifies every unit with systemd-analyze, runs the unpacked peercert, then starts each
# service's own ExecStart= line (its Environment= and EnvironmentFile= settings loaded,
# /var/lib/peercert moved into a temporary folder) as an unprivileged user: the web server
# behind the sample nginx site (HTTPS with a throwaway certificate) and the sample Caddy
# site, a staff login through each, /healthz, three backups kept to two, and the reminder
# run with its mail login handed over as a credential file.
#
#   package_test.sh DEB_DIR SOURCE_DIR
#
# Exits 77 (skipped) when DEB_DIR holds no .deb: scripts/package builds it.
set -euo pipefail

deb_dir=${1:?usage: package_test.sh DEB_DIR SOURCE_DIR}
source_dir=${2:?usage: package_test.sh DEB_DIR SOURCE_DIR}

shopt -s nullglob
debs=("$deb_dir"/peercert_*.deb)
shopt -u nullglob
if [ ${#debs[@]} -eq 0 ]; then
  echo "SKIP: no peercert_*.deb in $deb_dir; scripts/package builds it."
  exit 77
fi

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }

[ ${#debs[@]} -eq 1 ] || fail "more than one .deb in $deb_dir: ${debs[*]}"
deb=${debs[0]}
for tool in dpkg-deb systemd-analyze nginx curl setpriv openssl python3 strings; do
  command -v "$tool" >/dev/null || fail "$tool is missing; scripts/setup installs it"
done

work=$(mktemp -d)
pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  chmod -R u+w "$work" 2>/dev/null || true # the credentials folder is read-only
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# The service user reads the unpacked root and writes the state folder.
chmod 0755 "$work"

# The services' user: nobody when run as root, else whoever runs the test.
if [ "$(id -u)" -eq 0 ]; then
  as_service=(setpriv --reuid=nobody --regid=nogroup --clear-groups --no-new-privs --)
  service_owner=nobody:nogroup
else
  as_service=()
  service_owner=
fi
own() { if [ -n "$service_owner" ]; then chown -R "$service_owner" "$@"; fi; }

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# ---------------------------------------------------------------------------------------------
step "contents of $(basename "$deb")"
root="$work/root"
dpkg-deb -x "$deb" "$root"
dpkg-deb -e "$deb" "$work/control"
[ "$(dpkg-deb -f "$deb" Package)" = peercert ] || fail "the package is not named peercert"
depends=$(dpkg-deb -f "$deb" Depends)
echo "Depends: $depends"
for dep in adduser libcurl4 libsqlite3-0 libsodium23 libcpp-httplib0.11; do
  [[ ", $depends," == *", $dep"[\ ,]* ]] || fail "Depends lacks $dep"
done
for file in usr/bin/peercert usr/bin/peercert-serve usr/lib/peercert/peercert-backup; do
  [ -x "$root/$file" ] || fail "/$file is missing or not executable"
done
for file in usr/share/peercert/rules/MO-CPS.toml etc/peercert/peercert.env \
  usr/share/peercert/examples/nginx-peercert.conf usr/share/peercert/examples/Caddyfile; do
  [ -f "$root/$file" ] || fail "/$file is missing"
done
grep -qx /etc/peercert/peercert.env "$work/control/conffiles" ||
  fail "/etc/peercert/peercert.env is not a conffile"
grep -q "adduser --system --group --home /var/lib/peercert" "$work/control/postinst" ||
  fail "the postinst does not create the user peercert"
for program in peercert peercert-serve; do
  if strings "$root/usr/bin/$program" | grep -F "$source_dir" >/dev/null; then
    fail "/usr/bin/$program names the build machine's $source_dir"
  fi
  strings "$root/usr/bin/$program" | grep -x /usr/share/peercert/rules >/dev/null ||
    fail "/usr/bin/$program does not look for /usr/share/peercert/rules"
done

units=(peercert-serve.service peercert-backup.service peercert-backup.timer
  peercert-notify.service peercert-notify.timer)
step "systemd-analyze verify"
for unit in "${units[@]}"; do
  [ -f "$root/lib/systemd/system/$unit" ] || fail "/lib/systemd/system/$unit is missing"
  if ! out=$(systemd-analyze --root="$root" --man=no --recursive-errors=no verify \
    "$root/lib/systemd/system/$unit" 2>&1); then
    fail "systemd-analyze verify $unit: $out"
  fi
  # It warns without failing for some mistakes: none is allowed.
  [ -z "$out" ] || fail "systemd-analyze verify $unit: $out"
  echo "$unit: verified"
done

step "the unpacked peercert"
peercert=("$root/usr/bin/peercert" --rules "$root/usr/share/peercert/rules")
"$root/usr/bin/peercert" --version
cat >"$work/facts.json" <<'EOF'
{"date_of_birth": "1990-05-01", "education": "ged", "lived_experience": true,
 "willing_to_share_story": true, "self_directed_recovery": true,
 "background_check": "passed", "registry_check": "passed"}
EOF
answer=$("${peercert[@]}" check --program MO-CPS --facts "$work/facts.json" --as-of 2026-11-24 \
  --format json) || fail "check --program MO-CPS exited $?"
python3 -c 'import json, sys; assert json.loads(sys.argv[1])["outcome"] == "eligible"' "$answer" ||
  fail "check --program MO-CPS: $answer"
echo "check --program MO-CPS: eligible"

# ---------------------------------------------------------------------------------------------
# A unit's settings and command line, as systemd would start it here.
state="$work/state" # stands for /var/lib/peercert
mkdir -p "$state"
own "$state"

unit_value() { # unit key: every value of the key, one a line
  sed -n "s/^$2=//p" "$root/lib/systemd/system/$1"
}

# Loads a unit's Environment= lines, then its EnvironmentFile, into the array unit_env
# (NAME=value), with /var/lib/peercert moved to $state and the overrides given (NAME=value).
load_env() {
  local unit=$1 line name value file
  shift
  declare -gA env_of=()
  declare -ga env_order=()
  set_env() {
    [[ -v env_of[$1] ]] || env_order+=("$1")
    env_of[$1]=$2
  }
  while IFS= read -r line; do
    set_env "${line%%=*}" "${line#*=}"
  done < <(unit_value "$unit" Environment)
  while IFS= read -r file; do
    file=${file#-}
    [ -f "$root$file" ] || fail "$unit: EnvironmentFile $file is not in the package"
    while IFS= read -r line; do
      [[ "$line" =~ ^[[:space:]]*(#|;|$) ]] && continue
      [[ "$line" =~ ^([A-Za-z_][A-Za-z0-9_]*)=(.*)$ ]] || fail "$file: cannot read: $line"
      set_env "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}"
    done <"$root$file"
  done < <(unit_value "$unit" EnvironmentFile)
  for name in "${env_order[@]}"; do
    value=${env_of[$name]}
    [[ "$value" == /var/lib/peercert* ]] && env_of[$name]=$state${value#/var/lib/peercert}
  done
  for line in "$@"; do
    set_env "${line%%=*}" "${line#*=}"
  done
  unit_env=()
  for name in "${env_order[@]}"; do
    unit_env+=("$name=${env_of[$name]}")
  done
}

# The unit's ExecStart= as words in the array command, with ${NAME} and $NAME expanded as
# systemd does and %d (the credentials folder) given; the program comes from the package.
load_command() {
  local unit=$1 credentials=${2:-} word name out
  local -a words
  read -r -a words <<<"$(unit_value "$unit" ExecStart)"
  [ ${#words[@]} -gt 0 ] || fail "$unit has no ExecStart="
  command=()
  for word in "${words[@]}"; do
    if [[ "$word" =~ ^\$([A-Za-z_][A-Za-z0-9_]*)$ ]]; then
      # $NAME alone: split at white space, nothing when empty.
      local -a split=()
      read -r -a split <<<"${env_of[${BASH_REMATCH[1]}]:-}"
      command+=("${split[@]}")
      continue
    fi
    out=$word
    while [[ "$out" =~ \$\{([A-Za-z_][A-Za-z0-9_]*)\} ]]; do
      name=${BASH_REMATCH[1]}
      out=${out//"\${$name}"/"${env_of[$name]:-}"}
    done
    out=${out//"%d"/"$credentials"}
    command+=("$out")
  done
  command[0]=$root${command[0]}
  [ -x "${command[0]}" ] || fail "$unit: ExecStart runs ${command[0]#"$root"}, not in the package"
}

# The command line that runs a program as the service would: its user and a clean
# environment holding the unit's, in the array to_run. The rules come from the unpacked
# package, which is not installed here.
service_command() {
  to_run=("${as_service[@]}" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME="$state" TZ=UTC
    PEERCERT_RULES="$root/usr/share/peercert/rules" "${unit_env[@]}" "$@")
}
# Runs it in $state with umask 077 (the units' WorkingDirectory= and UMask=).
run_service() {
  service_command "$@"
  (cd "$state" && umask 077 && exec "${to_run[@]}")
}

# ---------------------------------------------------------------------------------------------
step "peercert-serve.service"
backend=$(free_port)
load_env peercert-serve.service "PEERCERT_LISTEN=127.0.0.1:$backend"
load_command peercert-serve.service
echo "ExecStart: ${command[*]#"$root"}"
[[ " ${command[*]} " == *" --behind-https-proxy "* ]] || fail "the server is not behind the proxy"
[[ " ${command[*]} " == *" --listen 127.0.0.1:$backend "* ]] || fail "--listen is not loopback"
[[ "${env_of[PEERCERT_DB]}" == "$state/"* ]] || fail "PEERCERT_DB is not in /var/lib/peercert"

# The first admin, added as the README says, as the service's user.
password="correct horse battery staple"
printf '%s\n' "$password" | run_service "$root/usr/bin/peercert" user add --name dana --role admin \
  --password-stdin
service_command "${command[@]}"
(cd "$state" && umask 077 && exec "${to_run[@]}") >"$work/serve.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$backend/" && break
  kill -0 "${pids[-1]}" 2>/dev/null || fail "peercert-serve stopped: $(tail -20 "$work/serve.log")"
  sleep 0.1
done
curl -s -o /dev/null "http://127.0.0.1:$backend/" ||
  fail "peercert-serve does not answer: $(tail -20 "$work/serve.log")"
[ "$(stat -c %a "${env_of[PEERCERT_DB]}")" = 600 ] || fail "the database is readable by others"

# A staff login and /healthz through a proxy at https://peercert.example.org:PORT.
through_proxy() {
  local proxy=$1 https_port=$2 jar="$work/$1.cookies" url page csrf status headers body
  url="https://peercert.example.org:$https_port"
  local -a client=(curl -sS -k --resolve "peercert.example.org:$https_port:127.0.0.1" -b "$jar"
    -c "$jar")
  page=$("${client[@]}" -f "$url/login") || fail "$proxy: GET /login failed"
  csrf=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' <<<"$page")
  [ -n "$csrf" ] || fail "$proxy: no CSRF token on /login"
  # The cookie jar's fourth column says whether a cookie is Secure.
  awk '$6 == "peercert_login" && $4 == "TRUE" { found = 1 } END { exit !found }' "$jar" ||
    fail "$proxy: the login cookie is not Secure"
  headers=$("${client[@]}" -o /dev/null -D - --data-urlencode "csrf=$csrf" \
    --data-urlencode "next=/staff/" --data-urlencode "name=dana" \
    --data-urlencode "password=$password" "$url/login")
  status=$(head -1 <<<"$headers" | cut -d' ' -f2)
  [ "$status" = 303 ] || fail "$proxy: POST /login answered $status: $headers"
  grep -qi '^location: /staff/' <<<"$headers" || fail "$proxy: the login goes elsewhere: $headers"
  grep -qi '^set-cookie: peercert_session=.*; Secure' <<<"$headers" ||
    fail "$proxy: the session cookie is not Secure: $headers"
  status=$("${client[@]}" -o "$work/staff.html" -w '%{http_code}' "$url/staff/")
  [ "$status" = 200 ] || fail "$proxy: GET /staff/ answered $status"
  grep -q "Look up a credential" "$work/staff.html" || fail "$proxy: /staff/ is not the staff page"
  status=$(curl -sS -k --resolve "peercert.example.org:$https_port:127.0.0.1" -o /dev/null \
    -H "Accept: text/html" -w '%{http_code}' "$url/staff/")
  [ "$status" = 303 ] || fail "$proxy: /staff/ without a session answered $status"
  body=$("${client[@]}" -f "$url/healthz") || fail "$proxy: GET /healthz failed"
  python3 -c 'import json, sys; assert json.loads(sys.argv[1])["status"] == "ok"' "$body" ||
    fail "$proxy: /healthz said $body"
  echo "$proxy: login 303, /staff/ 200, /healthz $body"
}

# The throwaway certificate both proxies present.
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=peercert.example.org \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null

step "behind the sample nginx site"
ng="$work/nginx"
mkdir -p "$ng"
http_port=$(free_port)
https_port=$(free_port)
# The sample's ports, certificate and upstream moved to this test's; nothing else changes.
sed -e "s|^\( *\)listen 80;|\1listen 127.0.0.1:$http_port;|" \
  -e "s|^\( *\)listen 443 ssl|\1listen 127.0.0.1:$https_port ssl|" \
  -e '/listen \[::\]/d' \
  -e "s|^\( *\)ssl_certificate .*|\1ssl_certificate $work/cert.pem;|" \
  -e "s|^\( *\)ssl_certificate_key .*|\1ssl_certificate_key $work/key.pem;|" \
  -e "s|proxy_pass http://127.0.0.1:8080;|proxy_pass http://127.0.0.1:$backend;|" \
  "$root/usr/share/peercert/examples/nginx-peercert.conf" >"$ng/peercert.conf"
for expected in "listen 127.0.0.1:$http_port;" "listen 127.0.0.1:$https_port ssl" \
  "ssl_certificate $work/cert.pem;" "ssl_certificate_key $work/key.pem;" \
  "proxy_pass http://127.0.0.1:$backend;"; do
  grep -qF "$expected" "$ng/peercert.conf" || fail "the nginx sample has no line to adapt to: $expected"
done
cat >"$ng/nginx.conf" <<EOF
worker_processes 1;
pid $ng/nginx.pid;
error_log $ng/error.log;
events { worker_connections 64; }
http {
  access_log $ng/access.log;
  client_body_temp_path $ng/body;
  proxy_temp_path $ng/proxy;
  fastcgi_temp_path $ng/fastcgi;
  uwsgi_temp_path $ng/uwsgi;
  scgi_temp_path $ng/scgi;
  include $ng/peercert.conf;
}
EOF
nginx -t -q -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" || fail "nginx refuses the sample"
nginx -p "$ng" -e "$ng/error.log" -c "$ng/nginx.conf" -g 'daemon off;' &
pids+=($!)
for _ in $(seq 50); do
  curl -s -o /dev/null "http://127.0.0.1:$http_port/" && break
  sleep 0.1
done
headers=$(curl -sS -o /dev/null -D - -H "Host: peercert.example.org" "http://127.0.0.1:$http_port/staff/")
grep -qi '^location: https://peercert.example.org/staff/' <<<"$headers" ||
  fail "nginx: plain HTTP is not sent to HTTPS: $headers"
through_proxy nginx "$https_port"

if command -v caddy >/dev/null; then
  step "behind the sample Caddy site"
  cd_="$work/caddy"
  mkdir -p "$cd_"
  http_port=$(free_port)
  https_port=$(free_port)
  # This test's ports and throwaway certificate, then the sample with its upstream moved.
  cat >"$cd_/Caddyfile" <<EOF
{
	admin off
	http_port $http_port
	https_port $https_port
	skip_install_trust
}
EOF
  sed -e "s|^peercert.example.org {|peercert.example.org:$https_port {\n\ttls $work/cert.pem $work/key.pem|" \
    -e "s|reverse_proxy 127.0.0.1:8080|reverse_proxy 127.0.0.1:$backend|" \
    "$root/usr/share/peercert/examples/Caddyfile" >>"$cd_/Caddyfile"
  grep -q "reverse_proxy 127.0.0.1:$backend" "$cd_/Caddyfile" &&
    grep -q "tls $work/cert.pem" "$cd_/Caddyfile" || fail "the Caddy sample has no line to adapt"
  HOME="$cd_" XDG_DATA_HOME="$cd_" XDG_CONFIG_HOME="$cd_" \
    caddy run --adapter caddyfile --config "$cd_/Caddyfile" >"$cd_/caddy.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do
    curl -sk -o /dev/null --resolve "peercert.example.org:$https_port:127.0.0.1" \
      "https://peercert.example.org:$https_port/healthz" && break
    kill -0 "${pids[-1]}" 2>/dev/null || fail "caddy stopped: $(cat "$cd_/caddy.log")"
    sleep 0.1
  done
  through_proxy caddy "$https_port"
else
  echo "caddy is not installed: its sample was not tried (scripts/setup installs it)"
fi

# The server stops on SIGTERM, as systemctl stop sends it.
kill -TERM "${pids[0]}"
wait "${pids[0]}" || fail "peercert-serve exited $? on SIGTERM: $(cat "$work/serve.log")"
echo "peercert-serve stopped on SIGTERM"

# ---------------------------------------------------------------------------------------------
step "peercert-backup.service"
load_env peercert-backup.service PEERCERT_BACKUP_KEEP=2
load_command peercert-backup.service
echo "ExecStart: ${command[*]#"$root"}"
[ "${env_of[PEERCERT_BACKUP_DIR]}" = "$state/backups" ] ||
  fail "the backups are not in /var/lib/peercert/backups"
for run in 1 2 3; do
  run_service "${command[@]}" || fail "backup run $run exited $?"
  sleep 1.1 # each backup is named after its second
done
mapfile -t kept < <(find "$state/backups" -name 'peercert-*.db' | sort)
[ ${#kept[@]} -eq 2 ] || fail "PEERCERT_BACKUP_KEEP=2 kept ${#kept[@]} backups: ${kept[*]}"
for copy in "${kept[@]}"; do
  [ "$(stat -c %a "$copy")" = 600 ] || fail "the backup $copy is readable by others"
  run_service "$root/usr/bin/peercert" --db "$copy" user list --format json | grep '"dana"' >/dev/null ||
    fail "the backup $copy does not hold the user"
done
load_env peercert-backup.service PEERCERT_BACKUP_KEEP=none
load_command peercert-backup.service
if run_service "${command[@]}" 2>"$work/backup.err"; then
  fail "PEERCERT_BACKUP_KEEP=none was accepted"
fi
grep -q "PEERCERT_BACKUP_KEEP must be a whole number" "$work/backup.err" ||
  fail "a bad PEERCERT_BACKUP_KEEP is not named: $(cat "$work/backup.err")"
echo "3 backups made, the newest 2 kept"

# ---------------------------------------------------------------------------------------------
step "peercert-notify.service"
credentials="$work/credentials" # what LoadCredential= gives: a private folder and file
mkdir -p "$credentials"
printf 'board-mailer:%s\n' "mail password" >"$credentials/smtp"
chmod 0400 "$credentials/smtp"
chmod 0500 "$credentials"
own "$credentials"
grep -qx "LoadCredential=smtp:/etc/peercert/smtp-credentials" \
  "$root/lib/systemd/system/peercert-notify.service" ||
  fail "the notify unit does not load /etc/peercert/smtp-credentials"
# Nobody is due a reminder, so the mail server (a closed port) is not reached.
load_env peercert-notify.service "PEERCERT_SMTP=smtp://127.0.0.1:$(free_port)"
load_command peercert-notify.service "$credentials"
echo "ExecStart: ${command[*]#"$root"}"
[[ "${command[*]}" != *"mail password"* ]] || fail "the mail password is on the command line"
out=$(run_service "${command[@]}" 2>&1) || fail "the reminder run exited $?: $out"
echo "$out"
grep -q "^Sent 0 reminders" <<<"$out" || fail "the reminder run said: $out"

echo "PASS"
