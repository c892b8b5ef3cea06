#!/usr/bin/env bash
# Builds Hopscope's native packages with the JDK's jpackage. Output under target/package/.
#
#   packaging/build.sh app-image   target/package/hopscope/ (bin/hopscope, lib/app, lib/runtime), with
#                                  a class-data archive for a faster start where Xvfb is installed
#   packaging/build.sh deb         target/package/hopscope_VERSION_amd64.deb (builds the app image first)
#   packaging/build.sh all         both
#   packaging/build.sh check       the app image, then its launcher must answer the command line
#                                  exactly as `java -jar target/hopscope.jar` does, and (where Xvfb
#                                  is installed) open the designer and paint it (CI runs this)
#
# Why not javafx:jlink: JGraphT's automatic modules (jheaps, antlr, apfloat) make the project
# non-modular, and jlink refuses them. So the app stays on the class path (target/lib, laid out
# by maven-dependency-plugin in the package phase) and only JavaFX, as real modules from the
# -linux jars in target/javafx, is linked into the trimmed runtime beside the JDK modules.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
what=${1:-app-image}
case "$what" in app-image|deb|all|check) ;; *)
  echo "usage: packaging/build.sh [app-image|deb|all|check]" >&2; exit 2;;
esac

log() { printf 'packaging: %s\n' "$*" >&2; }
. packaging/xvfb.sh
trap stop_xvfb EXIT

version=$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' pom.xml | head -n 1)
# jpackage wants a plain dotted number: 0.1.0-SNAPSHOT becomes 0.1.0
app_version=${version%%-*}
thin_jar=target/hopscope-$version.jar

if [ -z "${HOPSCOPE_NO_MVN:-}" ]; then
  log "mvn package (tests skipped)"
  mvn -B -ntp -q package -DskipTests
fi
for need in "$thin_jar" target/lib target/javafx target/hopscope.jar; do
  [ -e "$need" ] || { log "missing $need: run mvn package first"; exit 1; }
done
ls target/javafx/javafx-controls-*-linux.jar >/dev/null 2>&1 \
  || { log "target/javafx has no -linux JavaFX jars"; exit 1; }

if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jpackage" ]; then
  jpackage=$JAVA_HOME/bin/jpackage
else
  jpackage=$(command -v jpackage) || { log "jpackage not found: install a full JDK 17"; exit 1; }
fi

out=target/package
image=$out/hopscope
# jdk.management: the startup probe reads the process's CPU time (com.sun.management)
modules=javafx.controls,javafx.swing,java.sql,java.logging,jdk.unsupported,java.desktop,java.xml,java.naming,jdk.crypto.ec,java.management,jdk.management

# --add-exports: JavaFX is linked as modules here, and the designer asks JavaFX's scene tracker
# (com.sun.javafx.perf, exported to no module) when its first frame is on the screen, to build its
# panels only then (ui/FrameShown.java); without it the designer falls back to counting pulses.
build_app_image() {
  local input=target/package-input
  rm -rf "$input" "$image"
  mkdir -p "$input" "$out"
  cp target/lib/*.jar "$input/"
  cp "$thin_jar" "$input/"
  log "jpackage app-image $app_version"
  "$jpackage" --type app-image \
    --name hopscope \
    --app-version "$app_version" \
    --vendor "Hopscope" \
    --description "Designer for container networks that traces packets hop by hop" \
    --icon assets/icon-256.png \
    --input "$input" \
    --main-jar "$(basename "$thin_jar")" \
    --main-class dev.hopscope.Main \
    --java-options "--add-exports=javafx.graphics/com.sun.javafx.perf=ALL-UNNAMED" \
    --module-path target/javafx \
    --add-modules "$modules" \
    --jlink-options "--strip-debug --no-header-files --no-man-pages --compress=2" \
    --dest "$out"
  # Our launcher in place of jpackage's, which asks rpm and dpkg who owns it on every start
  # (0.15-0.25 s; packaging/launcher.sh says more). It reads the configuration jpackage wrote.
  install -m 755 packaging/launcher.sh "$image/bin/hopscope"
  # JavaFX's native libraries where JavaFX looks first in a linked runtime (java.home/lib, as a
  # jlink of JavaFX's jmods lays them out): from the modular jars they stay resources, which
  # JavaFX copied out to ~/.openjfx/cache and compared on every start.
  local fx jar
  jar=$(dirname "$(readlink -f "$jpackage")")/jar
  fx=$(ls "$root"/target/javafx/javafx-graphics-*-linux.jar)
  (cd "$image/lib/runtime/lib" && "$jar" xf "$fx" $("$jar" tf "$fx" | grep '^lib[^/]*\.so$'))
  # Class-data sharing: an archive of the classes the designer loads up to its first frame, made
  # by the image's own runtime and used by its launcher (packaging/cds.sh). It needs a display to
  # start the designer once; without Xvfb, or if it fails, the image simply starts without it.
  if command -v Xvfb >/dev/null; then
    packaging/cds.sh app-image || log "no class-data archive in the app image (it starts without one)"
  else
    log "Xvfb not installed: no class-data archive in the app image"
  fi
  log "app image: $image ($(du -sh "$image" | cut -f1))"
}

build_deb() {
  command -v fakeroot >/dev/null && command -v dpkg-deb >/dev/null \
    || { log "a .deb needs fakeroot and dpkg-deb: apt-get install -y fakeroot dpkg-dev binutils"; exit 1; }
  rm -f "$out"/hopscope_*.deb
  log "jpackage deb $app_version"
  # Built from the app image, so the runtime is linked once. The resource dir adds a
  # /usr/bin/hopscope link to jpackage's own install scripts (see packaging/deb/), and the
  # class-data archive made at install: the image's own names its jars where they lie here, so it
  # stays out of the package (set aside while jpackage copies the image).
  local archive=$image/lib/app/hopscope.jsa aside=$out/hopscope.jsa.aside
  rm -f "$aside"
  [ -f "$archive" ] && mv "$archive" "$aside"
  "$jpackage" --type deb \
    --app-image "$image" \
    --name hopscope \
    --app-version "$app_version" \
    --vendor "Hopscope" \
    --description "Designer for container networks that traces packets hop by hop" \
    --icon assets/icon-256.png \
    --resource-dir packaging/deb \
    --file-associations packaging/hopscope-document.properties \
    --linux-package-name hopscope \
    --linux-deb-maintainer "hopscope@example.org" \
    --linux-app-category devel \
    --linux-menu-group "Development;Network;Education;" \
    --linux-shortcut \
    --dest "$out" || { [ -f "$aside" ] && mv "$aside" "$archive"; exit 1; }
  [ -f "$aside" ] && mv "$aside" "$archive"
  log "deb: $(ls "$out"/hopscope_*.deb)"
}

# The app image must answer the command line exactly as the fat jar does: same exit code, same
# output. That proves the linked runtime has every module the app needs (a missing one shows up
# as a NoClassDefFoundError from the launcher only), whatever the command line prints today.
check_launcher() {
  local doc
  doc=$(ls samples/*.json 2>/dev/null | head -n 1 || true)
  local args
  if [ -n "$doc" ]; then
    args=(validate "$doc")
  else
    # No sample yet: a tiny document of our own, so the check still reaches the loader.
    doc=target/package-check.hopscope
    printf '{"version": 1, "name": "package-check", "nodes": [], "links": []}\n' > "$doc"
    args=(validate "$doc")
  fi
  local jar_out jar_rc app_out app_rc
  set +e
  jar_out=$(java -jar target/hopscope.jar "${args[@]}" 2>&1 </dev/null); jar_rc=$?
  app_out=$("$image/bin/hopscope" "${args[@]}" 2>&1 </dev/null); app_rc=$?
  set -e
  log "jar:      hopscope ${args[*]} -> exit $jar_rc"
  log "launcher: hopscope ${args[*]} -> exit $app_rc"
  if [ "$jar_rc" != "$app_rc" ] || [ "$jar_out" != "$app_out" ]; then
    log "the app image's launcher does not behave like the jar"
    printf -- '--- jar (exit %s)\n%s\n--- launcher (exit %s)\n%s\n' "$jar_rc" "$jar_out" "$app_rc" "$app_out" >&2
    exit 1
  fi
  # Same output is not enough if both crashed: a crash of the JVM or the class path is a failure
  # even when the jar shares it (a user's "file is invalid" message is not).
  case "$app_out" in *"Exception in thread"*|*NoClassDefFoundError*|*ClassNotFoundException*|*UnsatisfiedLinkError*)
    log "the launcher crashed the same way as the jar:"; printf '%s\n' "$app_out" >&2; exit 1;;
  esac
  log "launcher OK"
}

# With no arguments the launcher opens the designer: under a private Xvfb display it must paint
# its first frame (the startup probe says FIRST_PAINT and exits). This is what catches a runtime
# linked without a module the designer needs, which the command line never loads.
check_designer() {
  if ! command -v Xvfb >/dev/null; then
    log "Xvfb not installed: designer start not checked (apt-get install -y xvfb xauth)"
    return 0
  fi
  start_xvfb || { log "no free X display for the designer check"; exit 1; }
  # A HOME of its own, so the check neither reads nor writes a developer's settings or autosave.
  local home=target/package-check-home out rc
  rm -rf "$home"; mkdir -p "$home"
  set +e
  # (Java takes user.home from the password database, not from HOME: it is given as well)
  out=$(HOME=$root/$home JDK_JAVA_OPTIONS="-Duser.home=$root/$home" DISPLAY=$xvfb_display HOPSCOPE_STARTUP_PROBE=true \
        timeout 120 "$image/bin/hopscope" 2>&1 </dev/null); rc=$?
  set -e
  stop_xvfb
  local painted
  painted=$(printf '%s\n' "$out" | grep -m1 '^FIRST_PAINT ' || true)
  if [ -n "$painted" ] && [ "$rc" = 0 ]; then
    log "designer: painted its first frame (${painted#FIRST_PAINT }: ms since JVM start, epoch ms, CPU ms, JavaFX thread CPU ms)"
  elif [ "$rc" = 0 ]; then
    # A designer that exits at once without a window (the placeholder before the designer landed).
    log "designer: exited 0 without a window"
  else
    log "designer failed to start from the app image (exit $rc):"
    printf '%s\n' "$out" | tail -n 30 >&2
    exit 1
  fi
}

start=$(date +%s)
case "$what" in
  app-image) build_app_image ;;
  deb)       build_app_image; build_deb ;;
  all)       build_app_image; build_deb ;;
  check)     build_app_image; check_launcher; check_designer ;;
esac
log "done in $(( $(date +%s) - start )) s"
