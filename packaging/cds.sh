#!/usr/bin/env bash
# Class-data sharing for a faster start (issue 12): an AppCDS archive of every class the designer
# loads up to its start document drawn and analysed (the probe's READY), so the JVM maps them from the archive instead of finding,
# reading, verifying and linking each one from the jars.
#
#   packaging/cds.sh jar         target/hopscope.jsa, for
#                                  java -XX:SharedArchiveFile=target/hopscope.jsa -jar target/hopscope.jar
#   packaging/cds.sh app-image   target/package/hopscope/lib/app/hopscope.jsa, which the image's
#                                launcher (packaging/launcher.sh) uses from then on, and the class
#                                list beside it (lib/app/hopscope.classlist) for the .deb
#
# JDK 17 has no -XX:+AutoCreateSharedArchive (JDK 19), so this is the two-step static dump:
#   1. open the designer once under a private Xvfb display with -XX:DumpLoadedClassList; the
#      startup probe exits as soon as the first frame is painted;
#   2. java -Xshare:dump with that class list and the same class path writes the archive.
# An archive belongs to one JDK build and one class path (the jar's path, size and time): after
# a rebuild, run this again. A stale archive is ignored by the JVM (it prints a warning with
# -Xshare:auto, the default), never wrong. Needs Xvfb (apt-get install -y xvfb xauth).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
what=${1:-jar}
case "$what" in jar|app-image) ;; *) echo "usage: packaging/cds.sh [jar|app-image]" >&2; exit 2;; esac

log() { printf 'cds: %s\n' "$*" >&2; }
command -v Xvfb >/dev/null || { log "Xvfb missing: apt-get install -y xvfb xauth"; exit 2; }
. packaging/xvfb.sh
trap stop_xvfb EXIT
start_xvfb || { log "no free X display"; exit 2; }

work=target/cds
rm -rf "$work"; mkdir -p "$work/home"
list=$root/$work/classes.lst
# A HOME of its own: the run neither reads nor writes a user's settings, recent files or autosave.
# (Java takes user.home from the password database, not from HOME: it is given as well.)
run_env=(env HOME="$root/$work/home" DISPLAY="$xvfb_display")
home_option=-Duser.home=$root/$work/home

if [ "$what" = jar ]; then
  [ -f target/hopscope.jar ] || { log "build first: mvn -B -ntp package"; exit 2; }
  archive=target/hopscope.jsa
  rm -f "$archive"
  log "recording the classes loaded up to the drawn designer"
  "${run_env[@]}" timeout 120 java "$home_option" -Dhopscope.startupProbe=true -XX:DumpLoadedClassList="$list" \
    -jar target/hopscope.jar </dev/null >"$work/record.log" 2>&1 \
    || { log "the designer did not start:"; tail -n 20 "$work/record.log" >&2; exit 1; }
  grep -q '^FIRST_PAINT ' "$work/record.log" || { log "no first frame painted"; exit 1; }
  log "$(wc -l <"$list") classes; dumping $archive"
  # the class path of the dump must be the one the archive is used with: the fat jar, as -jar gives it.
  # By its absolute path: JDK 17 resolves a relative one against the directory java runs in, so
  # an archive dumped with target/hopscope.jar matched only in this directory, and a mismatched
  # archive turns class-data sharing off altogether (the JDK's own archive too): slower than none.
  java -Xshare:dump -XX:SharedClassListFile="$list" -XX:SharedArchiveFile="$archive" \
    -cp "$root/target/hopscope.jar" >"$work/dump.log" 2>&1 || { log "dump failed:"; tail -n 20 "$work/dump.log" >&2; exit 1; }
  # -Xshare:on refuses to start if the archive cannot be mapped or does not match the class path
  java -Xshare:on -XX:SharedArchiveFile="$archive" -jar target/hopscope.jar --version >/dev/null 2>"$work/check.log" \
    || { log "the archive does not load:"; cat "$work/check.log" >&2; exit 1; }
  # and from any other directory, as `java -XX:SharedArchiveFile=/path/hopscope.jsa -jar /path/hopscope.jar`
  (cd / && java -Xshare:on -XX:SharedArchiveFile="$root/$archive" -jar "$root/target/hopscope.jar" --version) >/dev/null 2>"$work/check.log" \
    || { log "the archive does not load from another directory:"; cat "$work/check.log" >&2; exit 1; }
  log "$archive ($(du -h "$archive" | cut -f1)): java -XX:SharedArchiveFile=$archive -jar target/hopscope.jar"
  exit 0
fi

image=$root/target/package/hopscope
app=$image/lib/app
[ -x "$image/bin/hopscope" ] && [ -f "$app/hopscope.cfg" ] || { log "build the app image first: packaging/build.sh app-image"; exit 2; }
archive=$app/hopscope.jsa
rm -f "$archive" "$app/hopscope.classlist"
# The image's launcher (packaging/launcher.sh) uses lib/app/hopscope.jsa when it is there and
# passes JDK_JAVA_OPTIONS on to its Java like any java: both steps run the image's own runtime
# with the launcher's own class path, which the archive must match.
log "recording the classes the app image loads up to the drawn designer"
"${run_env[@]}" HOPSCOPE_STARTUP_PROBE=true JDK_JAVA_OPTIONS="$home_option -XX:DumpLoadedClassList=$list" \
  timeout 120 "$image/bin/hopscope" </dev/null >"$work/record.log" 2>&1 \
  || { log "the designer did not start:"; tail -n 20 "$work/record.log" >&2; exit 1; }
grep -q '^FIRST_PAINT ' "$work/record.log" || { log "no first frame painted"; exit 1; }
# The list stays in the image: an archive names its jars by their absolute paths, so the .deb,
# which installs the image under /opt/hopscope, dumps its own archive from it at install.
cp "$list" "$app/hopscope.classlist"
log "$(wc -l <"$list") classes; dumping $archive"
JDK_JAVA_OPTIONS="-Xshare:dump -XX:SharedClassListFile=$app/hopscope.classlist -XX:SharedArchiveFile=$archive" \
  "$image/bin/hopscope" </dev/null >"$work/dump.log" 2>&1 || true
[ -s "$archive" ] || { log "dump failed:"; tail -n 20 "$work/dump.log" >&2; exit 1; }
# -Xshare:on refuses to start if the archive cannot be mapped or does not match the class path
JDK_JAVA_OPTIONS=-Xshare:on "$image/bin/hopscope" --version >/dev/null 2>"$work/check.log" \
  || { log "the archive does not load:"; cat "$work/check.log" >&2; rm -f "$archive"; exit 1; }
log "$archive ($(du -h "$archive" | cut -f1)), used by $image/bin/hopscope"
