#!/usr/bin/env bash
# Builds the Debian package from a built tree with cpack and checks it the way
# Debian's tools and a user would (docs/architecture.md §11):
#   check-deb.sh BUILD_DIR            lintian, the file list, the control fields,
#                                     AppStream, the desktop file, the MIME type,
#                                     the man pages, and the extracted programs run
#   check-deb.sh BUILD_DIR --chroot   also installs it with apt into a fresh
#                                     Debian 12 chroot (debootstrap; needs root and
#                                     the Debian mirror of this machine's apt sources)
# Exits 1 naming the first problem, 77 (ctest: skipped) when a tool is missing,
# unless POSTIL_REQUIRE_CHECKERS is set (CI), where a missing tool fails.
set -euo pipefail

build=$(cd "${1:?usage: check-deb.sh BUILD_DIR [--chroot]}" && pwd)
chroot_install=false
[ "${2:-}" = "--chroot" ] && chroot_install=true

fail() {
  echo "check-deb: FAIL: $*" >&2
  exit 1
}
note() { echo "check-deb: $*"; }

tools=(cpack dpkg-deb dpkg-shlibdeps lintian appstreamcli desktop-file-validate
  update-mime-database gio sqlite3 man)
$chroot_install && tools+=(debootstrap chroot)
$chroot_install && [ "$(id -u)" -ne 0 ] && fail "--chroot needs root (debootstrap, chroot, mount)"
for tool in "${tools[@]}"; do
  if ! command -v "$tool" >/dev/null; then
    message="$tool is missing (bash tools/install-deps --package installs what this test needs)"
    [ -n "${POSTIL_REQUIRE_CHECKERS:-}" ] && fail "$message (POSTIL_REQUIRE_CHECKERS is set)"
    echo "check-deb: SKIP: $message" >&2
    exit 77
  fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/postil-check-deb.XXXXXX")
studio_pid=""
cleanup() {
  if [ -n "$studio_pid" ]; then kill "$studio_pid" 2>/dev/null || true; fi
  # Never delete through a mount still in place (the apt cache, /proc).
  for m in "$work/chroot/var/cache/apt/archives" "$work/chroot/proc"; do
    if mountpoint -q "$m" && ! umount "$m"; then
      echo "check-deb: $m is still mounted; $work is left in place" >&2
      return
    fi
  done
  rm -rf "$work"
}
trap cleanup EXIT

# What the build says the package must be.
cache() { sed -n "s/^$1:[A-Z]*=//p" "$build/CMakeCache.txt"; }
version=$(cache CMAKE_PROJECT_VERSION)
maintainer=$(cache POSTIL_MAINTAINER)
if [ -z "$version" ] || [ -z "$maintainer" ]; then fail "$build is not a configured Postil build"; fi

# --- Build the package --------------------------------------------------------
cpack --config "$build/CPackConfig.cmake" -G DEB -B "$work/cpack" >"$work/cpack.log" 2>&1 ||
  { cat "$work/cpack.log" >&2; fail "cpack -G DEB failed"; }
debs=("$work"/cpack/postil_*.deb)
if [ ${#debs[@]} -ne 1 ] || [ ! -f "${debs[0]}" ]; then fail "cpack made no single postil_*.deb"; fi
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "postil_${version}_${arch}.deb" ] ||
  fail "the package is named $(basename "$deb"), not postil_${version}_${arch}.deb"
note "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"

# --- lintian ------------------------------------------------------------------
# Fails on errors and warnings, with no tag suppressed or overridden. What it
# says at the information level is printed (hardening-no-bindnow and
# -no-fortify-functions: the build uses CMake's flags, not dpkg-buildflags).
lintian --fail-on error,warning --display-info "$deb" >"$work/lintian.log" 2>&1 ||
  { cat "$work/lintian.log" >&2; fail "lintian: see the tags above"; }
grep -v "root privileges" "$work/lintian.log" || true

# --- Control fields -----------------------------------------------------------
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = postil ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', the project's is $version"
[ "$(field Maintainer)" = "$maintainer" ] ||
  fail "Maintainer is '$(field Maintainer)', POSTIL_MAINTAINER is '$maintainer'"
depends=$(field Depends)
# Computed by dpkg-shlibdeps: the libraries the binaries link, with versions.
for lib in libc6 libqt6core6 libqt6gui6 libqt6widgets6 libqt6multimedia6 libsqlite3-0 libsndfile1; do
  grep -Eq "(^|, )$lib \(>= [^)]+\)" <<<"$depends" ||
    fail "Depends lacks a computed '$lib (>= VERSION)': $depends"
done
recommends=$(field Recommends)
for pkg in qt6-wayland qt6-image-formats-plugins gstreamer1.0-plugins-good fonts-noto-cjk; do
  grep -Eq "(^|, )$pkg(,|$)" <<<"$recommends" || fail "Recommends lacks $pkg: $recommends"
done

# --- The files ----------------------------------------------------------------
# Exactly these (directories aside): a file installed by mistake fails too.
expected=(
  ./usr/bin/postil
  ./usr/bin/postil-cli
  ./usr/share/applications/org.postil.Postil.desktop
  ./usr/share/metainfo/org.postil.Postil.metainfo.xml
  ./usr/share/mime/packages/org.postil.Postil.xml
  ./usr/share/icons/hicolor/scalable/apps/org.postil.Postil.svg
  ./usr/share/man/man1/postil.1.gz
  ./usr/share/man/man1/postil-cli.1.gz
  ./usr/share/doc/postil/changelog.gz
  ./usr/share/doc/postil/copyright
)
for size in 16 22 24 32 48 64 128 256 512; do
  expected+=("./usr/share/icons/hicolor/${size}x${size}/apps/org.postil.Postil.png")
done
dpkg-deb -c "$deb" >"$work/listing"
awk '$1 !~ /^d/ {print $6}' "$work/listing" | sort >"$work/files"
printf '%s\n' "${expected[@]}" | sort >"$work/expected"
diff -u "$work/expected" "$work/files" >&2 || fail "the package's files differ from the expected list (- missing, + extra)"
awk '$2 != "root/root" {bad=1; print} END {exit bad}' "$work/listing" >&2 ||
  fail "files not owned by root/root"
for bin in postil postil-cli; do
  grep -Eq "^-rwxr-xr-x .* \./usr/bin/$bin$" "$work/listing" || fail "/usr/bin/$bin is not mode 0755"
done

root=$work/root
dpkg-deb -x "$deb" "$root"
share=$root/usr/share

# Icons: each PNG is the size its folder says (the IHDR width and height).
for size in 16 22 24 32 48 64 128 256 512; do
  png=$share/icons/hicolor/${size}x${size}/apps/org.postil.Postil.png
  dims=$(od -An -tu1 -j16 -N8 "$png" | awk '{print $3*256+$4 "x" $7*256+$8}')
  [ "$dims" = "${size}x${size}" ] || fail "$png is $dims"
done

# --- AppStream and the desktop file ---------------------------------------------
metainfo=$share/metainfo/org.postil.Postil.metainfo.xml
appstreamcli validate --no-net "$metainfo" >"$work/appstream.log" 2>&1 ||
  { cat "$work/appstream.log" >&2; fail "appstreamcli validate: $metainfo"; }
grep -q "<release version=\"$version\"" "$metainfo" || fail "the metainfo's release is not $version"
desktop=$share/applications/org.postil.Postil.desktop
desktop-file-validate "$desktop" >"$work/desktop.log" 2>&1 ||
  { cat "$work/desktop.log" >&2; fail "desktop-file-validate: $desktop"; }
mimetype=application/x-postil-project
grep -qx "MimeType=$mimetype;" "$desktop" || fail "the desktop file does not open $mimetype"
grep -q "<mediatype>$mimetype</mediatype>" "$metainfo" || fail "the metainfo does not provide $mimetype"
grep -qx "Icon=org.postil.Postil" "$desktop" || fail "the desktop file's Icon is not org.postil.Postil"
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
[[ "$exec_line" == "postil %f" ]] || fail "Exec is '$exec_line', not 'postil %f'"

# --- The extracted programs run -------------------------------------------------
# Both link only system libraries (postil_core and postil_ui are static), so
# no LD_LIBRARY_PATH is needed; HOME and XDG folders are the test's own.
export HOME=$work/home XDG_CONFIG_HOME=$work/home/config XDG_DATA_HOME=$work/home/data
export XDG_RUNTIME_DIR=$work/home/runtime LC_ALL=C.UTF-8
mkdir -p "$XDG_CONFIG_HOME/Postil" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
cli=$root/usr/bin/postil-cli
studio=$root/usr/bin/postil
[ "$("$cli" --version)" = "postil-cli $version" ] || fail "postil-cli --version says '$("$cli" --version)'"
studio_help=$(QT_QPA_PLATFORM=offscreen "$studio" --help) || fail "postil --help failed"
grep -q -- "--demo" <<<"$studio_help" || fail "postil --help does not list --demo: $studio_help"
[ "$(QT_QPA_PLATFORM=offscreen "$studio" --version)" = "Postil $version" ] ||
  fail "postil --version says '$(QT_QPA_PLATFORM=offscreen "$studio" --version)'"

project=$work/projects/My\ project.postil
mkdir -p "$work/projects"
"$cli" init "$project" --kind text --name "Packaging check" >/dev/null || fail "postil-cli init failed"

# Double-clicking a project: the desktop file's Exec with %f as the file
# manager fills it in. The studio opens it and records it as the last project
# (the annotator's name is set first, so no first-run question waits).
printf '[identity]\nannotator=packaging-check\n' >"$XDG_CONFIG_HOME/Postil/Postil.conf"
read -r -a argv <<<"$exec_line"
argv=("${argv[@]/#postil/$studio}")
argv=("${argv[@]/#%f/$project}")
QT_QPA_PLATFORM=offscreen "${argv[@]}" >"$work/studio.log" 2>&1 &
studio_pid=$!
opened=false
for _ in $(seq 100); do
  grep -qF "$project" "$XDG_CONFIG_HOME/Postil/Postil.conf" && { opened=true; break; }
  kill -0 "$studio_pid" 2>/dev/null || break
  sleep 0.2
done
kill "$studio_pid" 2>/dev/null || true
wait "$studio_pid" 2>/dev/null || true
studio_pid=""
$opened || { cat "$work/studio.log" >&2; fail "the studio started as '$exec_line' did not open $project"; }

# --- The MIME type --------------------------------------------------------------
# As the shared-mime-info trigger would, then ask GIO (what file managers use)
# with the package's data first and the system's after it.
update-mime-database "$share/mime" >"$work/mime.log" 2>&1 || { cat "$work/mime.log" >&2; fail "update-mime-database"; }
mime_of() { XDG_DATA_DIRS=$share:/usr/share gio info -a standard::content-type "$1" |
  sed -n 's/^ *standard::content-type: //p'; }
[ "$(mime_of "$project")" = "$mimetype" ] || fail "$project is '$(mime_of "$project")', not $mimetype"
# Without its extension a project is still known by its application_id.
cp "$project" "$work/projects/renamed"
[ "$(mime_of "$work/projects/renamed")" = "$mimetype" ] ||
  fail "a project without its extension is '$(mime_of "$work/projects/renamed")'"
# Any other SQLite database stays a plain database.
sqlite3 "$work/projects/other.db" "CREATE TABLE t(x)"
[ "$(mime_of "$work/projects/other.db")" = application/vnd.sqlite3 ] ||
  fail "a plain SQLite file is '$(mime_of "$work/projects/other.db")'"

# --- Man pages ------------------------------------------------------------------
# Each renders without warnings, and postil-cli's names every command and
# option its --help gives, so the page cannot fall behind the program.
for page in postil postil-cli; do
  file=$share/man/man1/$page.1.gz
  warnings=$(MANWIDTH=80 man --warnings -l "$file" 2>&1 >/dev/null) || fail "man $page failed"
  [ -z "$warnings" ] || fail "man $page warns: $warnings"
done
man_text=$(zcat "$share/man/man1/postil-cli.1.gz" | sed 's/\\-/-/g')
commands=$("$cli" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ -n "$commands" ] || fail "no commands found in postil-cli --help"
for command in $commands; do
  grep -qE "^\.SS $command( |$)" <<<"$man_text" || fail "postil-cli.1 has no section for '$command'"
  for option in $("$cli" "$command" --help | grep -oE -- '--[a-z][a-z-]*' | sort -u); do
    grep -qF -- "$option" <<<"$man_text" ||
      fail "postil-cli.1 does not mention '$command $option' (from postil-cli $command --help)"
  done
done
for format in $("$cli" formats | awk 'NR > 1 {print $1}'); do
  grep -q "^$format"$'\t' <<<"$man_text" || fail "postil-cli.1's FORMATS table lacks '$format'"
done
for option in $(grep -oE -- '--[a-z][a-z-]*' <<<"$studio_help" | sort -u); do
  zcat "$share/man/man1/postil.1.gz" | sed 's/\\-/-/g' | grep -qF -- "$option" ||
    fail "postil.1 does not mention $option (from postil --help)"
done

note "package checks passed"
$chroot_install || exit 0

# --- Installed with apt into a fresh Debian 12 --------------------------------
# A minimal bookworm made once per build folder (build/deb-chroot, ~200 MB,
# a few minutes) and copied for each run, so every install starts clean.
# Downloads come from the Debian mirror this machine's apt uses.
mirror=$(sed -n 's/^URIs: *\([^ ]*\/debian\)$/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 ~ /\/debian$/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null)
[ -n "$mirror" ] || fail "no Debian mirror in this machine's apt sources"
base=$build/deb-chroot
if [ ! -f "$base/.complete" ]; then
  rm -rf "$base"
  note "debootstrap bookworm into $base"
  debootstrap --variant=minbase bookworm "$base" "$mirror" >"$work/debootstrap.log" 2>&1 ||
    { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
  touch "$base/.complete"
fi
target=$work/chroot
cp -a "$base" "$target"
cp /etc/resolv.conf "$target/etc/resolv.conf"
# A throwaway system: dpkg need not sync every file it unpacks (several times
# faster here).
echo force-unsafe-io >"$target/etc/dpkg/dpkg.cfg.d/postil-check-unsafe-io"
cp "$deb" "$target/tmp/"
mount -t proc proc "$target/proc"
# Packages downloaded once stay in the build folder for the next run.
mkdir -p "$build/deb-chroot-apt"
mount --bind "$build/deb-chroot-apt" "$target/var/cache/apt/archives"
mkdir -m 700 "$target/tmp/runtime"
in_chroot() {
  chroot "$target" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C.UTF-8 \
    XDG_RUNTIME_DIR=/tmp/runtime "$@"
}
in_chroot apt-get update -qq >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get update in the chroot"; }
# Recommends must exist in Debian 12 even where they are not installed.
in_chroot apt-get install --simulate -qq "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 ||
  { cat "$work/apt.log" >&2; fail "apt cannot install the package with its Recommends"; }
# Depends alone must be enough to run both programs.
in_chroot env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 ||
  { tail -30 "$work/apt.log" >&2; fail "apt-get install ./$(basename "$deb") in the chroot"; }
[ "$(in_chroot postil-cli --version)" = "postil-cli $version" ] || fail "installed postil-cli --version"
in_chroot postil-cli init /tmp/check.postil --kind text >/dev/null || fail "installed postil-cli init"
in_chroot postil-cli check /tmp/check.postil >/dev/null 2>&1 || fail "installed postil-cli check"
in_chroot env QT_QPA_PLATFORM=offscreen postil --help >/dev/null || fail "installed postil --help"
[ "$(in_chroot env QT_QPA_PLATFORM=offscreen postil --version)" = "Postil $version" ] ||
  fail "installed postil --version"
in_chroot dpkg -r postil >/dev/null || fail "dpkg -r postil"
[ ! -e "$target/usr/bin/postil" ] || fail "dpkg -r left /usr/bin/postil"
note "installed, ran and removed in a fresh Debian 12 chroot"
