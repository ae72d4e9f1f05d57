# Shared by environment/setup, lab and test: paths and small helpers. Sourced, not run.
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENVDIR=$ROOT/environment
VENV=$ENVDIR/.venv
CACHE=$ENVDIR/.cache
# Maven used when none is on PATH; downloaded once from Maven Central.
MAVEN_VERSION=3.9.9

# Bold and red on a terminal; plain text in logs and pipes.
if [ -t 2 ]; then _bold=$'\033[1m'; _red=$'\033[1;31m'; _off=$'\033[0m'; else _bold=; _red=; _off=; fi
say() { printf '%s[%s]%s %s\n' "$_bold" "$(basename "$0")" "$_off" "$*" >&2; }
die() { printf '%s[%s] error:%s %s\n' "$_red" "$(basename "$0")" "$_off" "$*" >&2; exit 1; }
# Filters colour codes out of a tool's output (Maven's quiet mode writes some even in batch mode).
plain() { sed -u $'s/\033\\[[0-9;]*m//g'; }

# The mvn to use: the one on PATH, else the one environment/setup downloaded.
find_maven() {
  if command -v mvn >/dev/null 2>&1; then
    command -v mvn
  elif [ -x "$CACHE/apache-maven-$MAVEN_VERSION/bin/mvn" ]; then
    echo "$CACHE/apache-maven-$MAVEN_VERSION/bin/mvn"
  fi
}
