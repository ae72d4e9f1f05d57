# Shared by environment/setup, lab and test: paths and small helpers. Sourced, not run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENVDIR=$ROOT/environment
VENV=$ENVDIR/.venv
CACHE=$ENVDIR/.cache
# Maven used when none is on PATH; downloaded once from Maven Central.
MAVEN_VERSION=3.9.9

say() { printf '\033[1m[%s]\033[0m %s\n' "$(basename "$0")" "$*" >&2; }
die() { printf '\033[1;31m[%s] error:\033[0m %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# The mvn to use: the one on PATH, else the one environment/setup downloaded.
find_maven() {
  if command -v mvn >/dev/null 2>&1; then
    command -v mvn
  elif [ -x "$CACHE/apache-maven-$MAVEN_VERSION/bin/mvn" ]; then
    echo "$CACHE/apache-maven-$MAVEN_VERSION/bin/mvn"
  fi
}
