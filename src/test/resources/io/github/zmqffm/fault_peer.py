"""A pyzmq peer for PeerFaultTest, killed and restarted by the test: one role per run, forever.

Usage: python3 fault_peer.py ROLE ENDPOINT
Lines on stdout are the protocol with the Java side.
"""
import os
import sys
import time

import zmq


def say(line):
    print(line, flush=True)


def bound(ctx, kind, endpoint):
    s = ctx.socket(kind)
    s.bind(endpoint)
    say(s.getsockopt_string(zmq.LAST_ENDPOINT))
    return s


def pull_print(ctx, endpoint):
    """Binds a PULL, tells where, prints every message."""
    pull = bound(ctx, zmq.PULL, endpoint)
    while True:
        say(pull.recv_string())


def rep_echo(ctx, endpoint):
    """Binds a REP, tells where, answers every request with itself."""
    rep = bound(ctx, zmq.REP, endpoint)
    while True:
        rep.send(rep.recv())


def rep_swallow(ctx, endpoint):
    """Binds a REP, tells where, takes one request and never answers: a server that hangs."""
    rep = bound(ctx, zmq.REP, endpoint)
    say("got " + rep.recv_string())
    while True:
        time.sleep(60)


def push_count(ctx, endpoint):
    """Connects a PUSH and sends 'pid:n' for n = 0, 1, 2... as fast as the peer takes them."""
    push = ctx.socket(zmq.PUSH)
    push.connect(endpoint)
    say("connected")
    n = 0
    while True:
        push.send_string("%d:%d" % (os.getpid(), n))
        n += 1


ROLES = {"pull-print": pull_print, "rep-echo": rep_echo, "rep-swallow": rep_swallow, "push-count": push_count}

if __name__ == "__main__":
    ROLES[sys.argv[1]](zmq.Context(), sys.argv[2])
