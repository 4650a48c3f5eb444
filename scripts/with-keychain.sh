#!/usr/bin/env bash
# Runs a command against a real, throwaway Secret Service: a private D-Bus
# session with gnome-keyring unlocked by a random password, its keyring
# files in a temp folder removed afterwards. Never touches the user's keyring.
#   bash scripts/with-keychain.sh npx vitest run --config vitest.keychain.config.ts
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: bash scripts/with-keychain.sh <command> [args...]" >&2
  exit 2
fi

for tool in dbus-run-session dbus-send gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "with-keychain: '$tool' not found. Install it: apt-get install -y dbus gnome-keyring libsecret-1-0" >&2
    exit 127
  fi
done

work="$(mktemp -d "${TMPDIR:-/tmp}/momo-keychain.XXXXXX")"
cleanup() { rm -rf -- "$work"; }
trap cleanup EXIT
mkdir -m 700 "$work/runtime" "$work/data" "$work/config" "$work/cache"

# gnome-keyring keeps its sockets in XDG_RUNTIME_DIR and its keyrings in
# XDG_DATA_HOME/keyrings; pointing both at the temp folder keeps the test
# keyring out of $HOME (as root in a container XDG_RUNTIME_DIR is often unset).
export XDG_RUNTIME_DIR="$work/runtime"
export XDG_DATA_HOME="$work/data"
export XDG_CONFIG_HOME="$work/config"
export XDG_CACHE_HOME="$work/cache"

# Handed to the inner shell through the environment, never spliced into its
# script, and unset before the command runs. MOMO_POS_KEYCHAIN_READY tells
# scripts/test.mjs that a keychain session is already there.
MOMO_TEST_KEYRING_PASSWORD="$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')"
export MOMO_TEST_KEYRING_PASSWORD

status=0
# The daemon runs in the foreground under the inner shell, which waits until
# it owns org.freedesktop.secrets on the bus, runs the command, then stops it:
# a daemonized keyring started just before a very short command can miss the
# end of the bus and linger.
dbus-run-session -- sh -c '
  printf "%s" "$MOMO_TEST_KEYRING_PASSWORD" | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring=$!
  unset MOMO_TEST_KEYRING_PASSWORD
  trap "kill \$keyring 2>/dev/null" EXIT
  trap "exit 130" INT TERM
  tries=0
  until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
      org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ] || ! kill -0 "$keyring" 2>/dev/null; then
      echo "with-keychain: gnome-keyring-daemon did not start an unlocked Secret Service within 10 s" >&2
      exit 1
    fi
    sleep 0.1
  done
  export MOMO_POS_KEYCHAIN_READY=1
  code=0
  "$@" || code=$?
  exit "$code"
' with-keychain "$@" || status=$?
exit "$status"
