#!/usr/bin/env python3
"""What C2 makes of send(byte[]) and receive(byte[]) in the perf tool's thr loops.

Runs the perf tool (pattern=thr, one process) with -XX:+LogCompilation for each jar given,
interleaved, and prints per run: the size of the machine code C2 made for Socket.send([B) and
Socket.receive([B) when compiled as methods of their own, whether the perf tool's send and
receive loops have them inlined (or call them), the C2 time spent on compile tasks whose
root is a zmq-ffm or perf-loop method, the longest of those tasks, and the time compile tasks
of any method overlap the measured window (the last count/rate seconds of the run).

Usage: jit-size.py [--reps N] [--transport inproc] [--size 1] [--pin] JAR...
"""
import argparse, os, re, subprocess, tempfile

JAVA = '/usr/lib/jvm/temurin-25-jdk-amd64/bin/java'

def inlined(body, callee):
    """'inlined', 'call: reason' or '-' for the first call of `callee` in a task body."""
    names = {}
    klass = dict(re.findall(r"<klass id='(\d+)' name='([^']*)'", body))
    for i, h, n in re.findall(r"<method id='(\d+)' holder='(\d+)' name='([^']*)'", body):
        names[i] = re.split(r'[./]', klass.get(h, h))[-1] + '.' + n
    # The verdict on a call is the next inline_fail/inline_success before the next call.
    for m in re.finditer(r"<call method='(\d+)'", body):
        if names.get(m.group(1)) != callee:
            continue
        verdict = re.compile(r"<call |<inline_(fail|success) reason='([^']*)'").search(body, m.end())
        if verdict and verdict.group(1):
            return 'inlined' if verdict.group(1) == 'success' else 'call: ' + verdict.group(2)
    return '-'

COUNT = 2_000_000

def analyse(log, rate=None):
    x = open(log, errors='replace').read()
    out = {}
    for m in re.finditer(r"<nmethod [^>]*compiler='c2'[^>]*>", x):
        a = m.group(0)
        meth = re.search(r"method='([^']*)'", a).group(1)
        for key, sig in (('send', 'io.github.zmqffm.Socket send ([B)Z'), ('receive', 'io.github.zmqffm.Socket receive ([B)I')):
            if meth == sig:
                size = int(re.search(r"stub_offset='(\d+)'", a).group(1)) - int(re.search(r"insts_offset='(\d+)'", a).group(1))
                out[key + '_bytes'] = size
    c2 = 0.0
    for m in re.finditer(r"<task ([^>]*)>(.*?)<task_done[^>]*stamp='([\d.]+)'", x, re.S):
        attrs, body, done = m.groups()
        if "level=" in attrs and "level='4'" not in attrs:
            continue
        meth = re.search(r"method='([^']*)'", attrs).group(1)
        if 'zmqffm' in meth:
            took = float(done) - float(re.search(r"stamp='([\d.]+)'", attrs).group(1))
            c2 += took
            if took > out.get('longest', ('', 0))[1]:
                out['longest'] = (meth.split(' ')[0].split('.')[-1] + '.' + meth.split(' ')[1], round(took, 3))
        for way, loop in (('send', 'PerfRun sendChunk'), ('receive', 'PerfRun receiveChunk')):
            if loop in meth:
                # The loop calls the binding through ZmqFfmBinding$Copies; if C2 did not inline that
                # wrapper, Socket's method never appears in the loop's compile.
                wrapper = inlined(body, 'ZmqFfmBinding$Copies.' + way)
                out['loop_' + way] = inlined(body, 'Socket.' + way) if wrapper == 'inlined' else 'wrapper ' + wrapper
    out['c2_seconds'] = round(c2, 3)
    if rate:
        # The measured window: the last count/rate seconds before the VM ended (teardown is a few
        # milliseconds); every compile task overlapping it, of any method and either compiler,
        # took CPU from the measured threads when they share one CPU.
        end = float(re.search(r"<tty_done stamp='([\d.]+)'", x).group(1))
        start = end - COUNT / rate
        overlap = 0.0
        for m in re.finditer(r"<task ([^>]*)>.*?<task_done[^>]*stamp='([\d.]+)'", x, re.S):
            t0 = float(re.search(r"stamp='([\d.]+)'", m.group(1)).group(1))
            overlap += max(0.0, min(end, float(m.group(2))) - max(start, t0))
        out['jit_in_window'] = round(overlap, 3)
    return out

def main():
    p = argparse.ArgumentParser()
    p.add_argument('--reps', type=int, default=3)
    p.add_argument('--transport', default='inproc')
    p.add_argument('--size', default='1')
    p.add_argument('--pin', action='store_true')
    p.add_argument('jars', nargs='+')
    a = p.parse_args()
    for rep in range(1, a.reps + 1):
        for jar in a.jars:
            with tempfile.TemporaryDirectory() as d:
                log = os.path.join(d, 'c.log')
                cmd = (['taskset', '-c', '0'] if a.pin else []) + [JAVA, '-XX:+UnlockDiagnosticVMOptions',
                       '-XX:+LogCompilation', '-XX:LogFile=' + log, '-jar', jar, 'impl=zmq-ffm', 'pattern=thr',
                       'transport=' + a.transport, 'size=' + a.size, 'count=%d' % COUNT, 'warmup=4000000']
                line = subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[-1]
                rate = re.search(r'msgs_per_s=(\d+)', line).group(1)
                print(rep, os.path.basename(jar), 'msgs_per_s=' + rate, analyse(log, int(rate)), flush=True)

main()
