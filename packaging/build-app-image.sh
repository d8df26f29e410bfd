#!/usr/bin/env bash
# Builds a self-contained Dispatch Console application image with jpackage: a bundled Java runtime, the
# application jar and its libraries, a launcher and an icon. The result needs no JDK on the target machine.
# The options it shares with the Debian package are in jpackage-common.sh.
#
#   packaging/build-app-image.sh            # builds target/package/DispatchConsole/
#   target/package/DispatchConsole/bin/DispatchConsole   # starts the console (same flags as java -jar)
set -euo pipefail
source "$(dirname "$0")/jpackage-common.sh"

rm -rf "target/package/$APP_NAME"
mkdir -p target/package
"$JPACKAGE" --type app-image "${COMMON_OPTIONS[@]}" "${IMAGE_OPTIONS[@]}" --dest target/package

launcher="target/package/$APP_NAME/bin/$APP_NAME"
test -x "$launcher"
# A smoke test that needs no display: the launcher and the bundled runtime answer --version.
"$launcher" --version
echo "Application image: target/package/$APP_NAME ($(du -sh "target/package/$APP_NAME" | cut -f1))"
