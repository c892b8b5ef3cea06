#!/usr/bin/env bash
# First-run timing: how long from launch to the first painted window, under Xvfb.
#
#   packaging/startup-time.sh [RUNS]     (default 7 runs of each; needs xvfb: apt-get install -y xvfb xauth)
#
# Measures, each RUNS times, with the probe of dev.hopscope.ui.StartupProbe
# (-Dhopscope.startupProbe=true prints "FIRST_PAINT <ms since JVM start> <epoch ms>" and exits):
#   empty     an empty JavaFX Stage (dev.hopscope.EmptyWindowProbe, test classes): the floor
#   jar       java -jar target/hopscope.jar
#   app-image target/package/hopscope/bin/hopscope, if packaging/build.sh app-image has run
# and prints the median and range of two figures: "jvm" (JVM start to first paint, from the probe)
# and "wall" (this script's clock just before exec to first paint: what a user waits).
# A target whose main window does not install the probe prints no FIRST_PAINT and is reported
# as such. Run `mvn -B -ntp package` (or verify) first.
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

# One run: prints "jvm wall" in ms, or nothing if the probe never spoke.
measure() {
  local t0 out line
  t0=$(date +%s%3N)
  out=$(timeout 90 "$@" 2>/dev/null </dev/null || true)
  line=$(printf '%s\n' "$out" | grep -m1 '^FIRST_PAINT ' || true)
  [ -n "$line" ] || return 0
  set -- $line
  echo "$2 $(( $3 - t0 ))"
}

# Median and range of a column of integers.
stats() {
  sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "-"; exit}
    m = (NR%2) ? v[(NR+1)/2] : int((v[NR/2]+v[NR/2+1])/2);
    printf "median %5d ms  (min %d, max %d, n=%d)", m, v[1], v[NR], NR}'
}

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
  printf '%-10s jvm  %s\n' "$name" "$(printf '%s\n' "${results[@]}" | cut -d' ' -f1 | stats)"
  printf '%-10s wall %s\n' "" "$(printf '%s\n' "${results[@]}" | cut -d' ' -f2 | stats)"
}

echo "launch to first painted frame, $runs runs each (Xvfb $xvfb_display, $(nproc) cores, $(java -version 2>&1 | head -n 1))"
run_target empty java "$probe" -cp "target/test-classes:target/classes:$javafx_cp" dev.hopscope.EmptyWindowProbe
run_target jar java "$probe" -jar target/hopscope.jar
if [ -x target/package/hopscope/bin/hopscope ]; then
  # jpackage's launcher takes no -D options and ignores JDK_JAVA_OPTIONS: the probe's variable.
  HOPSCOPE_STARTUP_PROBE=true run_target app-image target/package/hopscope/bin/hopscope
fi
