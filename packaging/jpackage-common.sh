# Sourced by build-app-image.sh and build-deb.sh: the one home of the jpackage options both share, the version
# (from pom.xml) and the input folder (the jar and its runtime libraries). Not meant to be run by itself.
#
# After sourcing: the working directory is the repository root; JPACKAGE is the jpackage to run; POM_VERSION is
# the project's version (0.1.0-SNAPSHOT), APP_VERSION the one packages carry (0.1.0~SNAPSHOT: a Debian version
# that sorts before the release 0.1.0); APP_NAME the launcher's name; COMMON_OPTIONS the options both types pass.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

APP_NAME=DispatchConsole
JPACKAGE="${JAVA_HOME:+$JAVA_HOME/bin/}jpackage"
if ! command -v "$JPACKAGE" >/dev/null; then
  echo "packaging: jpackage not found: install a full JDK 17+ (Debian: openjdk-17-jdk-headless) or set JAVA_HOME." >&2
  exit 1
fi

# The project's own version, read from the pom's <version> right under <project> (two spaces in); no Maven run.
POM_VERSION="$(sed -n 's:^  <version>\([^<]*\)</version>.*:\1:p' pom.xml | head -n 1)"
if [ -z "$POM_VERSION" ]; then
  echo "packaging: could not read the project version from pom.xml." >&2
  exit 1
fi
# jpackage and dpkg take digits, dots and ~; a snapshot becomes 0.1.0~SNAPSHOT, which dpkg orders before 0.1.0.
APP_VERSION="${POM_VERSION/-/\~}"

if [ ! -f target/dispatch-console.jar ] || [ ! -d target/lib ]; then
  mvn -B -q package -DskipTests
fi

# The input: the jar and its runtime libraries, less the embedded PostgreSQL binaries for other systems (macOS,
# Windows, Alpine's musl): the bundled runtime is this machine's Linux one, so those could never run, and they
# are about 110 MB of the image. The jar's manifest still names them; a class path entry that is missing is skipped.
rm -rf target/package-input
mkdir -p target/package-input
cp target/dispatch-console.jar target/package-input/
cp -r target/lib target/package-input/lib
# The launcher's splash (app/Splash): `java -jar` finds it in the jar's manifest, the packaged launcher is told.
cp src/main/resources/com/dispatchconsole/ui/start/splash.png target/package-input/splash.png
rm -f target/package-input/lib/embedded-postgres-binaries-darwin-* \
      target/package-input/lib/embedded-postgres-binaries-windows-* \
      target/package-input/lib/embedded-postgres-binaries-*-alpine-*
if ! ls target/package-input/lib/embedded-postgres-binaries-linux-* >/dev/null 2>&1; then
  echo "packaging: no embedded-postgres-binaries-linux-* in target/lib; run mvn package again." >&2
  exit 1
fi

COMMON_OPTIONS=(
  --name "$APP_NAME"
  --app-version "$APP_VERSION"
  --vendor "Dispatch Console"
  --description "Control-room console for last-mile delivery dispatch"
  --copyright "Dispatch Console contributors"
  --icon packaging/icon.png
)
# The options that make the application image itself (build-deb.sh packages an image made with these).
IMAGE_OPTIONS=(
  --input target/package-input
  --main-jar dispatch-console.jar
  --main-class com.dispatchconsole.cli.Main
  --java-options "-Xmx1g"
  --java-options "-splash:\$APPDIR/splash.png"
  # jpackage's own jlink options, keeping the runtime's commands (bin/java: jlink needs it to generate the archive), plus
  # --generate-cds-archive: without it the bundled runtime has no class-data
  # sharing archive at all, and every start parses and verifies the JDK's classes anew (about 0.5 s of a start).
  --jlink-options "--strip-debug --no-man-pages --no-header-files --generate-cds-archive"
)
