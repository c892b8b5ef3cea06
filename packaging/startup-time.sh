#!/usr/bin/env bash
# First-run timing: how long from launch to the first painted window, under Xvfb.
#
#   packaging/startup-time.sh [ROUNDS]   (default 9 rounds; needs xvfb: apt-get install -y xvfb xauth)
#   XVFB_FIRST=151 XVFB_LAST=159 packaging/startup-time.sh 9     on a machine whose displays are shared out
#   BASE=/path/to/other/checkout packaging/startup-time.sh 9      A/B: that checkout's built jar (with
#                         its own archive, made here if missing) measured in the same rounds as "base"
#
# Targets, each started by the probe of dev.hopscope.ui.StartupProbe (-Dhopscope.startupProbe=true
# prints "FIRST_PAINT <ms since JVM start> <epoch ms> <CPU ms> <JavaFX thread CPU ms>" once the window is painted; the
# designer also "READY ..." once its start document is drawn and analysed in it, and exits):
#   empty     an empty JavaFX Stage (dev.hopscope.EmptyWindowProbe, test classes): the floor
#   jar       java -jar target/hopscope.jar
#   jar+cds   the same with -XX:SharedArchiveFile=target/hopscope.jsa (made by packaging/cds.sh jar
#             when missing or older than the jar)
#   image+cds target/package/hopscope/bin/hopscope, if packaging/build.sh app-image has run (with
#             its class-data archive; "app-image" if it has none)
#   base      BASE's jar with its archive, when BASE is given
#
# Why rounds: the machine is shared and its load moves from minute to minute, and the designer
# uses about twice the CPU of the empty window (the JIT compilers and the collector run beside
# the JavaFX thread), so under load its ratio to the empty window grows. Measured one target
# after the other, as this script did before, each target met a different load and the ratios
# spread from 1.3x to 1.9x for one build. So each round starts every target once, in an order
# that turns from round to round, and a target's ratio is taken to the empty window of its own
# round; the report gives the median of those ratios. Each round's line shows the load average
# at its start, so a slow round can be told from a slow build.
#
# Printed, from this script's clock just before exec:
#   first window    to the first painted frame (the designer's: its menu bar, toolbar, palette)
#   designer drawn  to the window showing the start document drawn and analysed
# as the median (min, max) over the rounds, the median of the per-round ratios to the empty
# window's first frame, and the median CPU time the process had used by then (all threads; load
# disturbs it less than the clock) with its ratio to the empty window's CPU, and the median CPU time
# of the JavaFX thread alone ("fx"; steadier still: it leaves out the JIT compilers and the
# collector, whose work moves with the load) with its ratio too. Run
# `mvn -B -ntp package` (or verify) first.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
rounds=${1:-9}

command -v Xvfb >/dev/null || { echo "Xvfb missing: apt-get install -y xvfb xauth" >&2; exit 2; }
[ -f target/hopscope.jar ] && [ -d target/test-classes ] && [ -d target/javafx ] \
  || { echo "build first: mvn -B -ntp package" >&2; exit 2; }
base=${BASE:-}
if [ -n "$base" ]; then
  base=$(cd "$base" && pwd)
  [ -f "$base/target/hopscope.jar" ] || { echo "BASE=$base has no target/hopscope.jar: build it first" >&2; exit 2; }
fi

. packaging/xvfb.sh
trap stop_xvfb EXIT

# Archives first (their recording runs start Xvfb displays of their own).
if [ ! -f target/hopscope.jsa ] || [ target/hopscope.jar -nt target/hopscope.jsa ]; then
  packaging/cds.sh jar >&2 || true
fi
if [ -n "$base" ] && { [ ! -f "$base/target/hopscope.jsa" ] || [ "$base/target/hopscope.jar" -nt "$base/target/hopscope.jsa" ]; }; then
  # the base's own cds.sh, so its archive is recorded the way that build records it
  "$base/packaging/cds.sh" jar >&2 || true
fi

# A display of our own, killed by PID on the way out.
start_xvfb || { echo "no free X display between ${XVFB_FIRST:-90} and ${XVFB_LAST:-140}" >&2; exit 2; }
export DISPLAY=$xvfb_display

probe=-Dhopscope.startupProbe=true
javafx_cp=$(ls target/javafx/*.jar | tr '\n' ':')
# a HOME of its own: no settings, recent files or autosave of a user's are read or written.
# Java takes user.home from the password database, not from HOME: it is given as well (java and
# the image's launcher both read JDK_JAVA_OPTIONS); the empty window gets it too, for equal work.
home=$PWD/target/startup-home
rm -rf "$home"; mkdir -p "$home"

names=(empty jar)
cmds=("java $probe -cp target/test-classes:target/classes:$javafx_cp dev.hopscope.EmptyWindowProbe"
      "java $probe -jar target/hopscope.jar")
if [ -f target/hopscope.jsa ]; then
  names+=(jar+cds); cmds+=("java $probe -XX:SharedArchiveFile=target/hopscope.jsa -jar target/hopscope.jar")
fi
image=target/package/hopscope
if [ -x $image/bin/hopscope ]; then
  [ target/hopscope.jar -nt $image/bin/hopscope ] \
    && echo "(the app image is older than target/hopscope.jar: packaging/build.sh app-image to measure this build)"
  name=app-image
  [ -f $image/lib/app/hopscope.jsa ] && name=image+cds
  # the image's launcher passes its own arguments to the application, not to Java: the probe's variable
  names+=($name); cmds+=("env HOPSCOPE_STARTUP_PROBE=true $image/bin/hopscope")
else
  echo "(no app image: packaging/build.sh app-image to measure it too)"
fi
if [ -n "$base" ]; then
  cds=; [ -f "$base/target/hopscope.jsa" ] && cds="-XX:SharedArchiveFile=target/hopscope.jsa"
  # run from the base's directory: an archive on JDK 17 matches its jar only as the dump spelled
  # it (target/hopscope.jar), and with a mismatched archive the JVM shares nothing at all
  names+=(base); cmds+=("env -C $base java $probe $cds -jar target/hopscope.jar")
fi
n=${#names[@]}

# One run: prints "window designer window_cpu designer_cpu window_fx designer_fx" (ms from just
# before exec, the process's CPU ms, the JavaFX thread's CPU ms or -1 from a probe of before
# 2026-11-27 06:00; the designer's as the window's when there is no READY), or nothing if the
# probe never spoke.
measure() {
  local t0 out line ready
  t0=$(date +%s%3N)
  # shellcheck disable=SC2086 # a target's command line is split into words on purpose
  out=$(HOME=$home JDK_JAVA_OPTIONS="-Duser.home=$home" timeout 90 $1 2>/dev/null </dev/null || true)
  line=$(printf '%s\n' "$out" | grep -m1 '^FIRST_PAINT ' || true)
  [ -n "$line" ] || return 0
  ready=$(printf '%s\n' "$out" | grep -m1 '^READY ' || true)
  set -- $line
  local window=$(( $3 - t0 )) window_cpu=${4:--1} window_fx=${5:--1}
  if [ -n "$ready" ]; then set -- $ready; echo "$window $(( $3 - t0 )) $window_cpu ${4:--1} $window_fx ${5:--1}"
  else echo "$window $window $window_cpu $window_cpu $window_fx $window_fx"; fi
}

echo "what a user waits, from launch: $rounds rounds of ${names[*]}, each round in a turning order"
echo "(Xvfb $xvfb_display, $(nproc) cores, $(java -version 2>&1 | head -n 1))"

# One unmeasured round first: the first start after a build pays for cold file caches and for
# JavaFX unpacking its native libraries into ~/.openjfx, which a user pays once, not every time.
for i in $(seq 0 $((n - 1))); do measure "${cmds[$i]}" >/dev/null; done

results=$(mktemp); trap 'stop_xvfb; rm -f "$results"' EXIT
for r in $(seq "$rounds"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  line="round $(printf '%2d' "$r")  load $(printf '%5s' "$load") "
  for k in $(seq 0 $((n - 1))); do
    i=$(( (k + r) % n ))
    m=$(measure "${cmds[$i]}")
    [ -n "$m" ] || m="- - - - - -"
    echo "$r ${names[$i]} $m" >>"$results"
  done
  # the round's line, in the targets' order: first window ms (CPU ms)
  for i in $(seq 0 $((n - 1))); do
    line+=" $(awk -v r="$r" -v t="${names[$i]}" '$1==r && $2==t {printf "%s %s (%s)", t, $3, $5}' "$results")"
  done
  echo "$line"
done

# Per target: medians over the rounds, and the median of each round's ratio to its empty window.
awk -v order="${names[*]}" '
  function median(a, k,   i, j, t) {
    for (i = 2; i <= k; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
    return (k % 2) ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
  }
  { key = $1 SUBSEP $2; w[key] = $3; d[key] = $4; wc[key] = $5; dc[key] = $6; wf[key] = $7; df[key] = $8; if ($1 > R) R = $1 }
  END {
    nt = split(order, t, " ")
    for (x = 1; x <= nt; x++) {
      name = t[x]
      for (col = 1; col <= 2; col++) {
        if (name == "empty" && col == 2) continue
        k = 0; kr = 0; kc = 0; kf = 0; kfr = 0
        for (r = 1; r <= R; r++) {
          key = r SUBSEP name; e = r SUBSEP "empty"
          v = (col == 1) ? w[key] : d[key]; c = (col == 1) ? wc[key] : dc[key]; f = (col == 1) ? wf[key] : df[key]
          if (v == "-" || v == "") continue
          k++; ms[k] = v; cpu[k] = c
          if (w[e] != "-" && w[e] > 0) { kr++; ratio[kr] = v / w[e] }
          if (wc[e] != "-" && wc[e] > 0 && c > 0) { kc++; cratio[kc] = c / wc[e] }
          if (f != "-" && f >= 0) { kf++; fx[kf] = f; if (wf[e] != "-" && wf[e] > 0) { kfr++; fratio[kfr] = f / wf[e] } }
        }
        if (k == 0) { printf "%-10s no FIRST_PAINT: its window does not call StartupProbe.installIfRequested(stage)\n", name; break }
        lo = ms[1]; hi = ms[1]; for (i = 1; i <= k; i++) { if (ms[i] < lo) lo = ms[i]; if (ms[i] > hi) hi = ms[i] }
        printf "%-10s %-15s median %5d ms (min %5d, max %5d, n=%d)  cpu %5d ms", (col == 1 ? name : ""),
          (col == 1 ? "first window" : "designer drawn"), median(ms, k), lo, hi, k, median(cpu, k)
        if (kf > 0) printf "  fx %5d ms", median(fx, kf)
        if (name != "empty" && kr > 0) printf "  %.2fx the empty window (cpu %.2fx", median(ratio, kr), (kc > 0 ? median(cratio, kc) : 0)
        if (name != "empty" && kr > 0 && kfr > 0) printf ", fx %.2fx", median(fratio, kfr)
        if (name != "empty" && kr > 0) printf ")"
        printf "\n"
      }
    }
  }' "$results"
