#!/usr/bin/env bash
# Installs whatever the local stack lacks, idempotently: Debian packages, the Python virtualenv
# with CKAN and our packages, and the Apache Solr jars from Maven Central. Every step a fresh
# machine (or CI's clean clone) needs lives here, so a green run never depends on a manual step.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
VAR="$ROOT/var"
VENV="$ROOT/.venv"
SOLR_LIB="$VAR/solr/lib"
SOLR_CLASSES="$VAR/solr/classes"
STAMP_DIR="$VAR/stamps"
mkdir -p "$VAR/log" "$STAMP_DIR"

say() { printf '[install] %s\n' "$*"; }
die() { printf '[install] ERROR: %s\n' "$*" >&2; exit 1; }

# --- Debian packages ------------------------------------------------------------------------
# Each entry: a command or file that proves the package is there, then the package name.
need_pkgs=()
check() { if ! eval "$1" >/dev/null 2>&1; then need_pkgs+=("$2"); fi; }
check 'ls /usr/lib/postgresql/*/bin/initdb' postgresql
check 'dpkg -s libpq-dev' libpq-dev
check 'command -v redis-server' redis-server
check 'command -v tesseract' tesseract-ocr
check 'test -f /usr/share/tesseract-ocr/5/tessdata/vie.traineddata' tesseract-ocr-vie
check 'test -f /usr/share/tesseract-ocr/5/tessdata/eng.traineddata' tesseract-ocr-eng
check 'command -v javac' openjdk-17-jdk-headless
check 'command -v mvn' maven
check 'command -v gcc' gcc
check 'dpkg -s python3-dev' python3-dev
check 'command -v pdftoppm' poppler-utils
check 'fc-list | grep -qi dejavu' fonts-dejavu-core
check 'command -v chromium' chromium
if [ ${#need_pkgs[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    die "missing Debian packages: ${need_pkgs[*]}. Run as root, or: sudo apt-get install ${need_pkgs[*]}"
  fi
  say "installing Debian packages: ${need_pkgs[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >"$VAR/log/apt.log" 2>&1 || die "apt-get update failed (see var/log/apt.log)"
  apt-get install -y -q --no-install-recommends "${need_pkgs[@]}" >>"$VAR/log/apt.log" 2>&1 \
    || die "apt-get install failed (see var/log/apt.log)"
fi
java_major=$(java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1)
[ "${java_major:-0}" -ge 17 ] || die "Java 17 or newer is needed for Solr 9 (found: ${java_major:-none}). Install openjdk-17-jdk-headless."

# --- Python virtualenv ----------------------------------------------------------------------
PYTHON=${PYTHON:-python3}
py_ok=$("$PYTHON" -c 'import sys; print(int(sys.version_info[:2] in ((3,10),(3,11),(3,12))))' 2>/dev/null || echo 0)
[ "$py_ok" = 1 ] || die "CKAN 2.12 needs Python 3.10-3.12; '$PYTHON' is not one (set PYTHON=python3.11)."
if [ ! -x "$VENV/bin/python" ]; then
  say "creating virtualenv .venv"
  "$PYTHON" -m venv "$VENV"
fi
PIP="$VENV/bin/pip"
req_hash=$(cat setup.py devstack/requirements-ckan.txt devstack/requirements-dev.txt | sha256sum | cut -c1-16)
if [ ! -f "$STAMP_DIR/pip-$req_hash" ]; then
  say "installing CKAN 2.12 and our packages into .venv (first run: several minutes)"
  "$PIP" install -q --upgrade 'pip<25' wheel >"$VAR/log/pip.log" 2>&1
  # CKAN first, with its exact pins; then the extensions and ours with CKAN's pins as constraints.
  "$PIP" install -q 'ckan[requirements,dev]==2.12.0' >>"$VAR/log/pip.log" 2>&1 \
    || die "pip could not install CKAN (see var/log/pip.log)"
  "$VENV/bin/pip" freeze | grep -v -i -E '^(-e|ckanext-vusta)' >"$VAR/ckan-constraints.txt"
  "$PIP" install -q -c "$VAR/ckan-constraints.txt" -r devstack/requirements-ckan.txt >>"$VAR/log/pip.log" 2>&1 \
    || die "pip could not install the CKAN extensions (see var/log/pip.log)"
  "$PIP" install -q -c "$VAR/ckan-constraints.txt" -r devstack/requirements-dev.txt -e . >>"$VAR/log/pip.log" 2>&1 \
    || die "pip could not install our packages (see var/log/pip.log)"
  rm -f "$STAMP_DIR"/pip-*
  touch "$STAMP_DIR/pip-$req_hash"
fi

# --- Apache Solr 9 from Maven Central -------------------------------------------------------
solr_hash=$(cat devstack/solr/pom.xml devstack/solr/SolrLauncher.java | sha256sum | cut -c1-16)
if [ ! -f "$STAMP_DIR/solr-$solr_hash" ]; then
  say "assembling Apache Solr 9.10.1 from Maven Central (first run: about a minute)"
  rm -rf "$SOLR_LIB" "$SOLR_CLASSES"
  mkdir -p "$SOLR_LIB" "$SOLR_CLASSES"
  mvn -B -q -f devstack/solr/pom.xml dependency:copy-dependencies \
    -DoutputDirectory="$SOLR_LIB" -DincludeScope=runtime >"$VAR/log/maven.log" 2>&1 \
    || die "Maven could not fetch the Solr jars (see var/log/maven.log)"
  javac -d "$SOLR_CLASSES" -cp "$SOLR_LIB/*" devstack/solr/SolrLauncher.java \
    || die "the Solr launcher did not compile"
  rm -f "$STAMP_DIR"/solr-*
  touch "$STAMP_DIR/solr-$solr_hash"
fi
say "ready: $(ls "$SOLR_LIB" | wc -l) Solr jars ($(du -sh "$SOLR_LIB" | cut -f1)), .venv with CKAN $("$VENV/bin/python" -c 'import ckan; print(ckan.__version__)')"
