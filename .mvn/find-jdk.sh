# Sourced by ./mvnw and .ci/run. Parley builds and runs on JDK 21 or newer; when JAVA_HOME is unset or
# older, this picks the newest JDK >= 21 it can find, so a newcomer needs no manual set-up.
parley_jdk_major() {
  [ -x "$1/bin/javac" ] || { echo 0; return; }
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null)
  [ -n "$v" ] || v=$("$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1)
  echo "${v:-0}"
}
if [ -z "${JAVA_HOME-}" ] || [ "$(parley_jdk_major "$JAVA_HOME")" -lt 21 ]; then
  case $- in *f*) parley_noglob=1; set +f ;; *) parley_noglob= ;; esac
  parley_best="" parley_best_major=0
  parley_on_path=$(command -v javac 2>/dev/null || true)
  [ -n "$parley_on_path" ] && parley_on_path=$(dirname "$(dirname "$(readlink -f "$parley_on_path")")")
  for parley_candidate in $parley_on_path /usr/lib/jvm/* /usr/java/* /opt/java/* "$HOME"/.sdkman/candidates/java/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$parley_candidate" ] || continue
    parley_major=$(parley_jdk_major "$parley_candidate")
    if [ "$parley_major" -ge 21 ] && [ "$parley_major" -gt "$parley_best_major" ]; then
      parley_best=$parley_candidate parley_best_major=$parley_major
    fi
  done
  [ -n "$parley_noglob" ] && set -f
  if [ -n "$parley_best" ]; then
    JAVA_HOME=$parley_best
    export JAVA_HOME
  else
    echo "Parley needs a JDK 21 or newer; none was found. Install one and set JAVA_HOME." >&2
    exit 1
  fi
fi
