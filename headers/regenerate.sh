#!/bin/sh
# Rewrites generated/ from headers/ with the jextract named by $JEXTRACT, or the one on PATH.
#
# The input is the system's <zmq.h> (Debian: libzmq3-dev) reached through our umbrella
# header; nothing third-party is copied into the repository. Running this twice on the same
# machine must leave `git diff generated/` empty, so everything written here is deterministic.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out="$root/generated"
package=io.github.zmqffm.raw

jextract=${JEXTRACT:-$(command -v jextract || true)}
if [ -z "$jextract" ] || [ ! -x "$jextract" ]; then
    echo "regenerate.sh: no jextract found; set JEXTRACT=/path/to/jextract or put it on PATH" >&2
    exit 1
fi

rm -rf "$out/io"
mkdir -p "$out"
# No --library: Native loads libzmq itself and the generated code resolves symbols through
# the class loader's lookup.
"$jextract" --output "$out" --target-package "$package" --header-class-name zmq_h \
    @"$here/jextract.args" "$here/zmq-ffm.h"

# Provenance: which zmq.h and which jextract produced the files beside this one.
zmq_h=$(printf '#include <zmq.h>\n' | cc -E -x c - 2>/dev/null \
    | sed -n 's/^# [0-9]* "\(.*\/zmq\.h\)".*/\1/p' | head -n 1)
zmq_h=${zmq_h:-zmq.h}
version() { sed -n "s/^#define ZMQ_VERSION_$1 \([0-9]*\).*/\1/p" "$zmq_h"; }
package_version=$(dpkg-query -S "$zmq_h" 2>/dev/null | cut -d: -f1 | head -n 1 || true)
if [ -n "$package_version" ]; then
    package_version="$package_version $(dpkg-query -W -f '${Version}' "$package_version")"
fi
cat > "$out/PROVENANCE.md" <<INFO
# Provenance of generated/

Machine output of \`headers/regenerate.sh\`. Do not edit: change \`headers/\` and regenerate.

- zmq.h: \`$zmq_h\`, libzmq $(version MAJOR).$(version MINOR).$(version PATCH)${package_version:+ (Debian package $package_version)}
- jextract: $("$jextract" --version 2>&1 | head -n 1)
- libclang: $("$jextract" --version 2>&1 | sed -n 's/^LibClang version //p')
- arguments: \`--target-package $package --header-class-name zmq_h @headers/jextract.args headers/zmq-ffm.h\`
INFO
echo "regenerated $out"
