#!/usr/bin/env bash
# First-run timing: how long from launch to the first painted window, under Xvfb.
#
#   packaging/startup-time.sh [RUNS]     (default 7 runs of each; needs xvfb: apt-get install -y xvfb xauth)
#   XVFB_FIRST=151 XVFB_LAST=159 packaging/startup-time.sh 7     on a machine whose displays are shared out
#
# Measures, each RUNS times, with the probe of dev.hopscope.ui.StartupProbe
# (-Dhopscope.startupProbe=true prints "FIRST_PAINT <ms since JVM start> <epoch ms> <CPU ms>" once
# the window is painted, the designer also "READY ..." once its start document is drawn and
# analysed in it, and exits):
#   empty     an empty JavaFX Stage (dev.hopscope.EmptyWindowProbe, test classes): the floor
#   jar       java -jar target/hopscope.jar
#   jar+cds   the same with -XX:SharedArchiveFile=target/hopscope.jsa (made by packaging/cds.sh jar
#             when missing or older than the jar)
#   app-image target/package/hopscope/bin/hopscope, if packaging/build.sh app-image has run (with
#             its class-data archive if packaging/cds.sh app-image has run)
# and prints what a user waits, from this script's clock just before exec:
#   first window    to the first painted frame (the designer's: its menu bar, toolbar, palette)
#   designer drawn  to the window showing the start document drawn and analysed
# each as median (min, max) over the runs, with its ratio to the empty window's first frame of the
# same run (the machine may be shared: compare ratios), and the median CPU time the process had
# used by then (all threads; load disturbs it less than the clock). A target whose main window
# does not install the probe prints no FIRST_PAINT and is reported as such. Run
# `mvn -B -ntp package` (or verify) first.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-7}

command -v Xvfb >/dev/null || { echo "Xvfb missing: apt-get install -y xvfb xauth" >&2; exit 2; }
[ -f target/hopscope.jar ] && [ -d target/test-classes ] && [ -d target/javafx ] \
  || { echo "build first: mvn -B -ntp package" >&2; exit 2; }

# A display of our own, killed by PID on the way out.
. packaging/xvfb.sh
start_xvfb || { echo "no free X display between :90 and :140" >&2; exit 2; }
trap stop_xvfb EXIT
export DISPLAY=$xvfb_display

probe=-Dhopscope.startupProbe=true
javafx_cp=$(ls target/javafx/*.jar | tr '\n' ':')

# One run: prints "window designer window_cpu designer_cpu" (ms from just before exec, CPU ms; the
# designer's as the window's when there is no READY), or nothing if the probe never spoke.
measure() {
  local t0 out line ready
  t0=$(date +%s%3N)
  out=$(timeout 90 "$@" 2>/dev/null </dev/null || true)
  line=$(printf '%s\n' "$out" | grep -m1 '^FIRST_PAINT ' || true)
  [ -n "$line" ] || return 0
  ready=$(printf '%s\n' "$out" | grep -m1 '^READY ' || true)
  set -- $line
  local window=$(( $3 - t0 )) window_cpu=${4:--1}
  if [ -n "$ready" ]; then set -- $ready; echo "$window $(( $3 - t0 )) $window_cpu ${4:--1}"
  else echo "$window $window $window_cpu $window_cpu"; fi
}

# Median and range of a column of integers.
stats() {
  sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "-"; exit}
    m = (NR%2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2);
    printf "median %5d ms (min %5d, max %5d, n=%d)", m, v[1], v[NR], NR}'
}

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) {print 0; exit} print (NR%2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2)}'; }

floor=0
run_target() {
  local name=$1; shift
  local results=() r
  # One unmeasured run first: the first start after a build pays for cold file caches and for
  # JavaFX unpacking its native libraries into ~/.openjfx, which a user pays once, not every time.
  measure "$@" >/dev/null
  for _ in $(seq "$runs"); do
    r=$(measure "$@")
    [ -n "$r" ] && results+=("$r")
  done
  if [ ${#results[@]} -eq 0 ]; then
    printf '%-10s no FIRST_PAINT: its window does not call StartupProbe.installIfRequested(stage)\n' "$name"
    return
  fi
  local col label m cpu
  for col in 1:first-window 2:designer-drawn; do
    label=${col#*:}
    [ "$name" = empty ] && [ "$label" = designer-drawn ] && continue
    m=$(printf '%s\n' "${results[@]}" | cut -d' ' -f"${col%%:*}" | median)
    cpu=$(printf '%s\n' "${results[@]}" | cut -d' ' -f"$(( ${col%%:*} + 2 ))" | median)
    [ "$name" = empty ] && floor=$m
    printf '%-10s %-15s %s  cpu %5d ms' "$([ "$label" = first-window ] && echo "$name")" "${label/-/ }" \
      "$(printf '%s\n' "${results[@]}" | cut -d' ' -f"${col%%:*}" | stats)" "$cpu"
    [ "$floor" -gt 0 ] && awk -v m="$m" -v f="$floor" 'BEGIN {printf "  %.2fx the empty window", m / f}'
    printf '\n'
  done
}

echo "what a user waits, from launch: $runs runs each (Xvfb $xvfb_display, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1))"
run_target empty java "$probe" -cp "target/test-classes:target/classes:$javafx_cp" dev.hopscope.EmptyWindowProbe
# a HOME of its own: no settings, recent files or autosave of a user's are read or written
export HOME=$PWD/target/startup-home
rm -rf "$HOME"; mkdir -p "$HOME"
# Java takes user.home from the password database, not from HOME: say it (the launcher and java both read this)
export JDK_JAVA_OPTIONS="-Duser.home=$HOME"
run_target jar java "$probe" -jar target/hopscope.jar
if [ ! -f target/hopscope.jsa ] || [ target/hopscope.jar -nt target/hopscope.jsa ]; then
  stop_xvfb
  packaging/cds.sh jar >&2 || true
  start_xvfb || { echo "no free X display" >&2; exit 2; }
  export DISPLAY=$xvfb_display
fi
[ -f target/hopscope.jsa ] && run_target jar+cds java "$probe" -XX:SharedArchiveFile=target/hopscope.jsa -jar target/hopscope.jar
image=target/package/hopscope
if [ -x $image/bin/hopscope ]; then
  [ target/hopscope.jar -nt $image/bin/hopscope ] \
    && echo "(the app image is older than target/hopscope.jar: packaging/build.sh app-image to measure this build)"
  name=app-image
  [ -f $image/lib/app/hopscope.jsa ] && name=image+cds
  # the image's launcher passes its own arguments to the application, not to Java: the probe's variable
  HOPSCOPE_STARTUP_PROBE=true run_target $name $image/bin/hopscope
else
  echo "(no app image: packaging/build.sh app-image, then packaging/cds.sh app-image, to measure it too)"
fi
