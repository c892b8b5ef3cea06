#!/bin/bash
# Hopscope's launcher in the app image: packaging/build.sh puts it at bin/hopscope in place of
# the one jpackage writes. jpackage's launcher (JDK 17 to today, LinuxPackage.c) asks rpm and
# then dpkg which package owns it, twice, on every start: 0.15-0.25 s before Java starts, spent
# reading the package database. This does what that launcher then does, without asking: it runs
# the image's own Java with the class path, main class and options jpackage wrote in
# lib/app/hopscope.cfg, plus the class-data archive lib/app/hopscope.jsa when there is one
# (packaging/cds.sh makes it; the .deb makes it at install, see packaging/deb/postinst).
# JVM options for one run go in JDK_JAVA_OPTIONS, as for any java.
self=$(readlink -f -- "$0")
bin=${self%/*}
root=${bin%/*}
app=$root/lib/app
cfg=$app/hopscope.cfg
[ -r "$cfg" ] || { echo "hopscope: $cfg is missing: the installation is incomplete" >&2; exit 1; }

classpath=
main=
options=()
while IFS= read -r line || [ -n "$line" ]; do
  line=${line//\$APPDIR/$app}
  line=${line//\$BINDIR/$bin}
  line=${line//\$ROOTDIR/$root}
  case $line in
    app.classpath=*) classpath=${classpath:+$classpath:}${line#app.classpath=} ;;
    app.mainclass=*) main=${line#app.mainclass=} ;;
    java-options=*)  options+=("${line#java-options=}") ;;
  esac
done <"$cfg"
# An archive that does not match this runtime and class path (say, left from an older version)
# is ignored by the JVM without a word, never wrong.
[ -f "$app/hopscope.jsa" ] && options+=("-XX:SharedArchiveFile=$app/hopscope.jsa")

# jpackage's launcher sets these two as well: keep the same environment for the application.
exec "$root/lib/runtime/bin/java" "${options[@]}" -Djpackage.app-path="$self" -Djava.library.path= \
  -cp "$classpath" "$main" "$@"
