#!/usr/bin/env bash
# Runs a test against a private PulseAudio sound server with a null sink, so
# the audio device side of playback is tested on machines without sound
# hardware (CI, headless servers). The server lives in a temporary folder and
# stops with the test; the test is told a device is expected
# (POSTIL_EXPECT_AUDIO_DEVICE), so a missing one fails instead of skipping.
#   with-null-sink.sh TEST_BINARY [ARGS...]
set -euo pipefail
command -v pulseaudio > /dev/null || {
  echo "with-null-sink: pulseaudio is not installed (tools/install-deps --checkers)" >&2
  exit 1
}
runtime=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null
  rm -rf "$runtime"
}
trap cleanup EXIT
socket="$runtime/pulse/native"
mkdir -p "$runtime/pulse"
# -n: no default configuration (no hardware modules); run as root too, as CI
# does (it warns, and works for one private server).
HOME="$runtime" XDG_RUNTIME_DIR="$runtime" PULSE_RUNTIME_PATH="$runtime/pulse" \
  pulseaudio -n --daemonize=no --exit-idle-time=-1 --disallow-exit \
  -L module-null-sink -L "module-native-protocol-unix socket=$socket auth-anonymous=1" \
  > "$runtime/server.log" 2>&1 &
server=$!
for _ in $(seq 50); do
  [ -S "$socket" ] && break
  sleep 0.1
done
[ -S "$socket" ] || {
  echo "with-null-sink: the sound server did not start:" >&2
  cat "$runtime/server.log" >&2
  exit 1
}
PULSE_SERVER="unix:$socket" POSTIL_EXPECT_AUDIO_DEVICE=1 "$@"
