#!/usr/bin/env bash
# Prints the machine lines of bench/results/machine.txt (read by report.py): date, mode, the
# command that measured, CPU, kernel, JDK, libzmq, JeroMQ and the load average before.
# Usage: bench/machine.sh MODE COMMAND   (JAVA: the JDK measured)
set -euo pipefail
bench=$(cd "$(dirname "$0")" && pwd)
echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
echo "mode: $1"
echo "command: $2"
echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $(nproc) CPUs"
echo "kernel: $(uname -sr)"
echo "jdk: $("${JAVA:-java}" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')"
echo "libzmq: $(pkg-config --modversion libzmq 2>/dev/null || dpkg-query -W -f '${Version}' libzmq5 2>/dev/null || echo unknown)"
echo "jeromq: $(sed -n 's:.*<jeromq.version>\(.*\)</jeromq.version>.*:\1:p' "$bench/pom.xml")"
echo "load_before: $(cut -d' ' -f1-3 /proc/loadavg)"
