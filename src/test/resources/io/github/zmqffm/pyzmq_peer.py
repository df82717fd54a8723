"""A pyzmq peer for PyZmqInteropTest: one role per run, every wait bounded.

Usage: python3 pyzmq_peer.py ROLE ENDPOINT
Lines on stdout are the protocol with the Java side; errors go to stderr and exit non-zero.
"""
import sys

import zmq

TIMEOUT_MS = 10000


def socket(ctx, kind):
    s = ctx.socket(kind)
    s.setsockopt(zmq.RCVTIMEO, TIMEOUT_MS)
    s.setsockopt(zmq.SNDTIMEO, TIMEOUT_MS)
    s.setsockopt(zmq.LINGER, TIMEOUT_MS)  # deliver the last reply before exiting
    return s


def say(line):
    print(line, flush=True)


def rep_bind(ctx, endpoint):
    """Binds a REP, tells where, and answers two requests with 'py:' + every frame."""
    rep = socket(ctx, zmq.REP)
    rep.bind(endpoint)
    say(rep.getsockopt_string(zmq.LAST_ENDPOINT))
    for _ in range(2):
        frames = rep.recv_multipart()
        rep.send_multipart([b"py:" + f for f in frames])


def req_connect(ctx, endpoint):
    """Connects a REQ, asks once and prints the reply."""
    req = socket(ctx, zmq.REQ)
    req.connect(endpoint)
    req.send_string("hello from pyzmq \u2713")
    say(req.recv_string())


def sub_connect(ctx, endpoint):
    """Subscribes to 'py.', says 'ready' at the first probe, prints the first other message."""
    sub = socket(ctx, zmq.SUB)
    sub.setsockopt(zmq.SUBSCRIBE, b"py.")
    sub.connect(endpoint)
    while True:
        msg = sub.recv()
        if msg == b"py.probe":
            say("ready")
            break
    while True:
        msg = sub.recv()
        if msg != b"py.probe":
            say(msg.decode())
            return


def dealer_connect(ctx, endpoint):
    """A DEALER named 'pyzmq' sends a REQ-style envelope and prints the reply's frames."""
    dealer = socket(ctx, zmq.DEALER)
    dealer.setsockopt(zmq.ROUTING_ID, b"pyzmq")
    dealer.connect(endpoint)
    dealer.send_multipart([b"", b"ping"])
    say("|".join(f.decode() for f in dealer.recv_multipart()))


def pull_bind(ctx, endpoint):
    """Binds a PULL, tells where, prints three messages."""
    pull = socket(ctx, zmq.PULL)
    pull.bind(endpoint)
    say(pull.getsockopt_string(zmq.LAST_ENDPOINT))
    for _ in range(3):
        say(pull.recv_string())


def version(ctx, endpoint):
    say(zmq.zmq_version())


ROLES = {
    "rep-bind": rep_bind,
    "req-connect": req_connect,
    "sub-connect": sub_connect,
    "dealer-connect": dealer_connect,
    "pull-bind": pull_bind,
    "version": version,
}

if __name__ == "__main__":
    role, endpoint = sys.argv[1], sys.argv[2]
    context = zmq.Context()
    try:
        ROLES[role](context, endpoint)
    except zmq.Again:
        sys.exit("pyzmq peer %s: timed out after %d ms" % (role, TIMEOUT_MS))
    finally:
        context.destroy(linger=TIMEOUT_MS)
