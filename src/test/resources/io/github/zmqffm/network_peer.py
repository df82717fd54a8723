"""pyzmq peers for the network tests: one role per run.

Usage: python3 network_peer.py ROLE ARG...
Lines on stdout are the protocol with the Java side; a line on stdin ends a role that waits.
"""
import sys

import zmq


def say(line):
    print(line, flush=True)


def stalled_pull(endpoint):
    """Binds a PULL with heartbeats and a small receive queue that never reads, until told.

    The configuration zmq-ffm refuses: once the queue is full and the peer resets the
    connection, libzmq 4.3 aborts this process at its next heartbeat.
    """
    pull = zmq.Context().socket(zmq.PULL)
    pull.setsockopt(zmq.RCVHWM, 10)
    pull.setsockopt(zmq.HEARTBEAT_IVL, 100)
    pull.setsockopt(zmq.HEARTBEAT_TIMEOUT, 10000)
    pull.bind(endpoint)
    say(pull.getsockopt_string(zmq.LAST_ENDPOINT))
    sys.stdin.readline()


ROLES = {"stalled-pull": stalled_pull}

if __name__ == "__main__":
    ROLES[sys.argv[1]](*sys.argv[2:])
