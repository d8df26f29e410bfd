#!/usr/bin/env bash
# Builds the Debian package of Dispatch Console with jpackage, from the application image of build-app-image.sh
# (bundled Java runtime, jar, libraries, launcher, icon): installs into /opt/dispatch-console, puts a
# "Dispatch Console" entry in the desktop menu (Office) and the dispatch-console command on the PATH.
#
#   packaging/build-deb.sh        # builds target/package/dispatch-console_<version>-1_<arch>.deb
#   packaging/install-deb.sh      # installs it into a scratch root and proves the installed launcher runs
#
# Needs dpkg-deb and fakeroot (Debian packages dpkg and fakeroot); run as root on Debian it installs what is
# missing with apt-get. Environment: DEB_MAINTAINER (the Maintainer's e-mail), DPKG_DEB_COMPRESSOR_TYPE
# (default gzip: about 15 times less CPU than dpkg-deb's xz for a package 15% larger; set xz for the smallest).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# The tools first, before a minute of building: one line that says what is missing, or install it as root.
missing=()
command -v dpkg-deb >/dev/null || missing+=(dpkg)
command -v fakeroot >/dev/null || missing+=(fakeroot)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "packaging: installing ${missing[*]} with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null \
      || { echo "packaging: apt-get install ${missing[*]} did not bring dpkg-deb and fakeroot." >&2; exit 1; }
  else
    echo "packaging: missing ${missing[*]}: install with 'sudo apt-get install ${missing[*]}' (jpackage --type deb needs dpkg-deb and fakeroot)." >&2
    exit 1
  fi
fi

bash "$here/build-app-image.sh"
source "$here/jpackage-common.sh"

PACKAGE_NAME=dispatch-console
INSTALL_DIR=/opt/$PACKAGE_NAME
# Our own placeholders filled in here; jpackage fills in its own (APPLICATION_*, DESKTOP_COMMANDS_*) itself.
resources=target/package-resources
rm -rf "$resources"
mkdir -p "$resources"
for file in packaging/linux/*; do
  sed "s|@LAUNCHER@|$INSTALL_DIR/bin/$APP_NAME|g" "$file" >"$resources/$(basename "$file")"
done
license=()
if [ -f LICENSE ]; then license=(--license-file LICENSE); fi

export DPKG_DEB_COMPRESSOR_TYPE="${DPKG_DEB_COMPRESSOR_TYPE:-gzip}"
rm -f target/package/"$PACKAGE_NAME"_*.deb
"$JPACKAGE" --type deb \
  --app-image "target/package/$APP_NAME" \
  "${COMMON_OPTIONS[@]}" "${license[@]}" \
  --resource-dir "$resources" \
  --install-dir "$(dirname "$INSTALL_DIR")" \
  --linux-package-name "$PACKAGE_NAME" \
  --linux-deb-maintainer "${DEB_MAINTAINER:-maintainers@dispatch-console.invalid}" \
  --linux-app-category misc \
  --linux-menu-group Office \
  --linux-shortcut \
  --linux-package-deps "libgtk-3-0 | libgtk-3-0t64, libgl1" \
  --dest target/package

deb="$(ls target/package/"$PACKAGE_NAME"_*.deb)"
dpkg-deb --field "$deb" Package Version Architecture Installed-Size
echo "Debian package: $deb ($(du -h "$deb" | cut -f1))"
