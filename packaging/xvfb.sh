# Sourced by build.sh (the designer check) and startup-time.sh: a private virtual display.
#   start_xvfb   finds a free display between :90 and :140 (or between XVFB_FIRST and XVFB_LAST,
#                for a machine whose displays are shared out), starts Xvfb on it, waits for its
#                socket; sets xvfb_display and xvfb_pid. Returns 1 if no display is free.
#   stop_xvfb    kills that Xvfb by its PID (never by name: other people's displays live here).

start_xvfb() {
  local n
  xvfb_display=
  for n in $(seq "${XVFB_FIRST:-90}" "${XVFB_LAST:-140}"); do
    if [ ! -e "/tmp/.X$n-lock" ] && [ ! -e "/tmp/.X11-unix/X$n" ]; then xvfb_display=:$n; break; fi
  done
  [ -n "$xvfb_display" ] || return 1
  Xvfb "$xvfb_display" -screen 0 1440x900x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb_pid=$!
  for n in $(seq 50); do [ -e "/tmp/.X11-unix/X${xvfb_display#:}" ] && break; sleep 0.1; done
}

stop_xvfb() {
  [ -n "${xvfb_pid:-}" ] && kill "$xvfb_pid" 2>/dev/null || true
}
