#!/usr/bin/env bash
# Builds a self-contained Dispatch Console application image with jpackage: a bundled Java runtime, the
# application jar and its libraries, a launcher and an icon. The result needs no JDK on the target machine.
#
#   packaging/build-app-image.sh            # builds target/package/DispatchConsole/
#   target/package/DispatchConsole/bin/DispatchConsole   # starts the console (same flags as java -jar)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f target/dispatch-console.jar ] || [ ! -d target/lib ]; then
  mvn -B -q package -DskipTests
fi

JPACKAGE="${JAVA_HOME:+$JAVA_HOME/bin/}jpackage"
rm -rf target/package target/package-input
mkdir -p target/package-input
cp target/dispatch-console.jar target/package-input/
cp -r target/lib target/package-input/lib

"$JPACKAGE" \
  --type app-image \
  --name DispatchConsole \
  --app-version 0.1.0 \
  --vendor "Dispatch Console" \
  --description "Control-room console for last-mile delivery dispatch" \
  --icon packaging/icon.png \
  --input target/package-input \
  --main-jar dispatch-console.jar \
  --main-class com.dispatchconsole.cli.Main \
  --java-options "-Xmx1g" \
  --dest target/package

launcher=target/package/DispatchConsole/bin/DispatchConsole
test -x "$launcher"
# A smoke test that needs no display: the launcher and the bundled runtime answer --version.
"$launcher" --version
echo "Application image: target/package/DispatchConsole ($(du -sh target/package/DispatchConsole | cut -f1))"
