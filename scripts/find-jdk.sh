# Sourced by ./latchkey, ./test and .ci/run: sets JAVA_HOME to a JDK >= 21, or exits with a clear message.
# Order: $JAVA_HOME, then the usual install folders (newest first), then `java` on the PATH.

# The JDK's version from its `release` file (no JVM started: each `java -version` costs a JVM start, which
# the launcher paid twice before every start); from `java -XshowSettings` where there is no such file.
latchkey_java_major() {
  local v=""
  [ -f "$1/release" ] && v=$(sed -n 's/^JAVA_VERSION="\([^"]*\)".*/\1/p' "$1/release" | head -n 1)
  if [ -n "$v" ]; then
    case "$v" in 1.*) v=${v#1.} ;; esac
    echo "$v"
    return
  fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1
}

latchkey_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" $(ls -d /usr/lib/jvm/* /opt/java/* /usr/local/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home 2>/dev/null | sort -rV) \
                   "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(latchkey_java_major "$candidate")
    major=${major%%.*}
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      # Debian's Maven bundles a Guava that JDK 24+ warns about on every run.
      [ "$major" -ge 24 ] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
      return 0
    fi
  done
  echo "latchkey: no JDK 21 or newer found (looked at \$JAVA_HOME, /usr/lib/jvm, /opt/java and the PATH)." >&2
  echo "latchkey: install one (for example Temurin 21 or 25) or set JAVA_HOME to it." >&2
  exit 1
}

latchkey_find_jdk
