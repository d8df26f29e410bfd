#!/usr/bin/env bash
# Measures a console's start: a first start on a fresh data directory, then a second start on the same one.
# Each run writes its phase timings (ms since the JVM started) as JSON and closes the console once it is usable.
# Usage: packaging/start-timings.sh [STANDARD|LARGE] [OUT_DIR]   (needs a display: e.g. Xvfb :92 & DISPLAY=:92)
set -euo pipefail
demo="${1:-STANDARD}"
out="${2:-/tmp/dispatch-start-timings}"
jar="$(dirname "$0")/../target/dispatch-console.jar"
rm -rf "$out/data" "$out/config"
mkdir -p "$out"
for run in first second; do
  java -jar "$jar" --demo "$demo" --data-dir "$out/data" --config-dir "$out/config" \
       --start-timings "$out/$demo-$run.json" >"$out/$demo-$run.log" 2>&1
  echo "$demo $run start: $(tr -d ' \n' <"$out/$demo-$run.json" | sed 's/.*"msSinceJvmStart":\({[^}]*}\).*/\1/')"
done
