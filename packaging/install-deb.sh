#!/usr/bin/env bash
# Installs the Debian package and proves that the INSTALLED launcher runs; exits non-zero, loudly, if it does not.
#
#   packaging/install-deb.sh [--system] [--headless] [--keep] [PACKAGE.deb]
#
# Without --system the package is unpacked into a scratch root (dpkg-deb -x; no root needed, nothing on this
# machine changes). With --system (as root) it is installed for real with apt-get, which also brings its Depends.
# Then, from the installed files, with a scratch HOME, data and config directory:
#   1. the desktop entry is checked (desktop-file-validate when desktop-file-utils is installed),
#   2. the launcher answers --version with the pom's version,
#   3. the console opens under Xvfb (when Xvfb is installed and --headless is not given) on a fresh embedded
#      PostgreSQL with the demo data, writes its start timings and closes itself once it is usable; without Xvfb,
#      `settings show` starts, migrates and reads the same embedded PostgreSQL instead, with no window.
# The package defaults to the newest target/package/dispatch-console_*.deb (packaging/build-deb.sh).
# XVFB_DISPLAY=N makes it use display :N rather than the first free one. Takes 1-2 minutes.
set -euo pipefail
caller_dir="$PWD"
cd "$(dirname "$0")/.."

system=false headless=false keep=false deb=
for arg in "$@"; do
  case "$arg" in
    --system) system=true ;;
    --headless) headless=true ;;
    --keep) keep=true ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "install-deb: unknown option $arg (see --help)" >&2; exit 2 ;;
    /*) deb="$arg" ;;
    *) deb="$caller_dir/$arg" ;;
  esac
done
if [ -z "$deb" ]; then
  deb="$(ls -t target/package/dispatch-console_*.deb 2>/dev/null | head -n 1 || true)"
fi
if [ -z "$deb" ] || [ ! -f "$deb" ]; then
  echo "install-deb: FAILED: no package${deb:+ at $deb}; build it with packaging/build-deb.sh" >&2
  exit 1
fi
deb="$(cd "$(dirname "$deb")" && pwd)/$(basename "$deb")"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/dispatch-deb-check.XXXXXX")"
xvfb_pid=
cleanup() {
  if [ -n "$xvfb_pid" ]; then kill "$xvfb_pid" 2>/dev/null || true; fi
}
trap cleanup EXIT
fail() {
  echo "install-deb: FAILED: $1" >&2
  if [ -n "${2:-}" ] && [ -f "$2" ]; then
    echo "---- last lines of $2 ----" >&2
    tail -n 25 "$2" >&2
  fi
  echo "install-deb: scratch kept in $scratch" >&2
  exit 1
}
step() { echo "install-deb: $*"; }
started=$SECONDS

# 0. Install.
if $system; then
  [ "$(id -u)" = 0 ] || fail "--system installs for real and needs root (sudo $0 --system)"
  step "installing $(basename "$deb") with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends --reinstall "$deb" >"$scratch/install.log" 2>&1 \
    || fail "apt-get install $deb" "$scratch/install.log"
  root=
  [ "$(dpkg-query -W -f='${Status}' dispatch-console)" = "install ok installed" ] \
    || fail "dpkg does not list dispatch-console as installed" "$scratch/install.log"
  [ -L /usr/bin/dispatch-console ] || fail "the package did not put /usr/bin/dispatch-console on the PATH"
else
  step "unpacking $(basename "$deb") into $scratch/root"
  dpkg-deb -x "$deb" "$scratch/root" || fail "dpkg-deb -x $deb"
  root="$scratch/root"
fi
launcher="$root/opt/dispatch-console/bin/DispatchConsole"
[ -x "$launcher" ] || fail "no launcher at $launcher"

# 1. The desktop entry: where the package puts it, pointing at the launcher and icon it installed.
desktop="$root/opt/dispatch-console/lib/dispatch-console-DispatchConsole.desktop"
[ -f "$desktop" ] || fail "no desktop entry at $desktop"
grep -qx 'Exec=/opt/dispatch-console/bin/DispatchConsole' "$desktop" || fail "the desktop entry's Exec is not the launcher" "$desktop"
icon="$(sed -n 's/^Icon=//p' "$desktop")"
[ -f "$root$icon" ] || fail "the desktop entry's icon $icon is not in the package"
grep -q '^Categories=.*Office;' "$desktop" || fail "the desktop entry has no menu category Office" "$desktop"
if command -v desktop-file-validate >/dev/null; then
  desktop-file-validate "$desktop" >"$scratch/desktop.log" 2>&1 || fail "desktop-file-validate" "$scratch/desktop.log"
  if [ -s "$scratch/desktop.log" ]; then cat "$scratch/desktop.log"; fi
  step "desktop entry valid (desktop-file-validate)"
else
  step "desktop entry checked by hand; desktop-file-validate not installed (apt-get install desktop-file-utils)"
fi

# The installed program runs as a fresh user would: its own HOME, data, settings and cache, no database from
# the environment.
run_installed() {
  env -u DISPATCH_DB_URL -u DISPATCH_DB_USER -u DISPATCH_DB_PASSWORD -u DISPATCH_DATA_DIR -u DISPATCH_PG_BINARIES \
      HOME="$scratch/home" XDG_CONFIG_HOME="$scratch/home/.config" XDG_DATA_HOME="$scratch/home/.local/share" \
      XDG_CACHE_HOME="$scratch/home/.cache" "$@"
}
mkdir -p "$scratch/home"

# 2. The launcher and its bundled runtime.
run_installed env -u DISPLAY "$launcher" --version >"$scratch/version.log" 2>&1 || fail "$launcher --version" "$scratch/version.log"
pom_version="$(sed -n 's:^  <version>\([^<]*\)</version>.*:\1:p' pom.xml | head -n 1)"
grep -qx "Dispatch Console $pom_version" "$scratch/version.log" \
  || fail "--version did not say Dispatch Console $pom_version (the pom's version)" "$scratch/version.log"
step "--version: $(head -n 1 "$scratch/version.log")"

# 3. JavaFX and the embedded PostgreSQL: the console itself under a virtual display, else a headless subcommand.
if ! $headless && command -v Xvfb >/dev/null; then
  # The first free display, or XVFB_DISPLAY's number when set (to keep to a display of one's own).
  if [ -n "${XVFB_DISPLAY:-}" ]; then
    Xvfb ":$XVFB_DISPLAY" -screen 0 1600x1000x24 -nolisten tcp 2>"$scratch/xvfb.log" &
    xvfb_pid=$!
    for _ in $(seq 1 100); do [ -S "/tmp/.X11-unix/X$XVFB_DISPLAY" ] && break; sleep 0.1; done
    kill -0 "$xvfb_pid" 2>/dev/null && echo "$XVFB_DISPLAY" >"$scratch/display"
  else
    Xvfb -displayfd 3 -screen 0 1600x1000x24 -nolisten tcp 3>"$scratch/display" 2>"$scratch/xvfb.log" &
    xvfb_pid=$!
  fi
  for _ in $(seq 1 100); do [ -s "$scratch/display" ] && break; sleep 0.1; done
  [ -s "$scratch/display" ] || fail "Xvfb did not start" "$scratch/xvfb.log"
  display=":$(head -n 1 "$scratch/display")"
  step "starting the installed console on Xvfb $display (embedded PostgreSQL, demo data; closes itself when usable)"
  run_installed env DISPLAY="$display" timeout 300 "$launcher" --data-dir "$scratch/data" --config-dir "$scratch/config" \
      --start-timings "$scratch/start.json" >"$scratch/console.log" 2>&1 \
    || fail "the installed console did not start and close (exit $?)" "$scratch/console.log"
  grep -q '"msSinceJvmStart"' "$scratch/start.json" 2>/dev/null || fail "the console wrote no start timings" "$scratch/console.log"
  step "console usable: $(tr -d ' \n' <"$scratch/start.json" | sed 's/.*"msSinceJvmStart":\({[^}]*}\).*/\1/')"
else
  why="no Xvfb"; if $headless; then why="--headless"; fi
  step "$why: starting the installed launcher's 'settings show' on a fresh embedded PostgreSQL"
  run_installed env -u DISPLAY timeout 300 "$launcher" settings show --data-dir "$scratch/data" \
      >"$scratch/settings.log" 2>"$scratch/settings.err" || fail "the installed 'settings show' failed (exit $?)" "$scratch/settings.err"
  grep -q 'Late after' "$scratch/settings.log" || fail "'settings show' printed no review settings" "$scratch/settings.log"
  step "settings show: $(head -n 1 "$scratch/settings.log")"
fi

if $keep; then step "scratch kept in $scratch"; else rm -rf "$scratch"; fi
step "OK: the installed launcher runs ($((SECONDS - started)) s)"
