"""pyzmq and raw-socket peers for the network tests: one role per run.

Usage: python3 network_peer.py ROLE ARG...
Lines on stdout are the protocol with the Java side; a line on stdin ends a role that waits.
"""
import selectors
import socket
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
    pull.setsockopt(zmq.RCVBUF, 65536)
    pull.setsockopt(zmq.HEARTBEAT_IVL, 100)
    pull.setsockopt(zmq.HEARTBEAT_TIMEOUT, 10000)
    pull.bind(endpoint)
    say(pull.getsockopt_string(zmq.LAST_ENDPOINT))
    sys.stdin.readline()


def sniff(protocol, group):
    """Reads the IP packets of one protocol (17 udp, 113 pgm) sent to a multicast group until
    told, then prints 'summary packets=N minttl=T maxttl=T maxlength=L' from their IP headers."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, int(protocol))
    raw.settimeout(0.1)
    say("sniffing")
    packets, ttls, longest = 0, set(), 0
    told = selectors.DefaultSelector()
    told.register(sys.stdin, selectors.EVENT_READ)
    while not told.select(0):
        try:
            packet = raw.recv(65535)
        except socket.timeout:
            continue
        if socket.inet_ntoa(packet[16:20]) != group:
            continue
        packets += 1
        ttls.add(packet[8])
        longest = max(longest, int.from_bytes(packet[2:4], "big"))
    say("summary packets=%d minttl=%d maxttl=%d maxlength=%d" % (packets, min(ttls, default=-1),
                                                                  max(ttls, default=-1), longest))


ROLES = {"stalled-pull": stalled_pull, "sniff": sniff}

if __name__ == "__main__":
    ROLES[sys.argv[1]](*sys.argv[2:])
