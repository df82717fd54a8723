"""pyzmq and raw-socket peers for the network tests: one role per run.

Usage: python3 network_peer.py ROLE ARG...
Lines on stdout are the protocol with the Java side; a line on stdin ends a role that waits.
"""
import selectors
import socket
import struct
import sys

import zmq


# Linux's SO_TIMESTAMPNS (asm-generic/socket.h), which Python's socket module does not name.
SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)


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


def sniff(protocol, group, data_bytes="200"):
    """Reads the IP packets of one protocol (17 udp, 113 pgm) sent to a multicast group until
    told, then prints 'summary packets=N minttl=T maxttl=T maxlength=L kbps=K' from their IP
    headers. K is the rate of the data packets (those of at least data_bytes bytes) from the
    middle one to the last, by the kernel's arrival times: the sniffer's own scheduling does not
    move them."""
    raw = socket.socket(socket.AF_INET, socket.SOCK_RAW, int(protocol))
    raw.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    raw.settimeout(0.1)
    say("sniffing")
    packets, ttls, longest, data = 0, set(), 0, []
    told = selectors.DefaultSelector()
    told.register(sys.stdin, selectors.EVENT_READ)
    while not told.select(0):
        try:
            packet, ancillary, _, _ = raw.recvmsg(65535, socket.CMSG_SPACE(16))
        except socket.timeout:
            continue
        if socket.inet_ntoa(packet[16:20]) != group:
            continue
        length = int.from_bytes(packet[2:4], "big")
        packets += 1
        ttls.add(packet[8])
        longest = max(longest, length)
        if length >= int(data_bytes):
            seconds, nanos = struct.unpack("qq", ancillary[0][2][:16])
            data.append((seconds * 1_000_000_000 + nanos, length))
    say("summary packets=%d minttl=%d maxttl=%d maxlength=%d kbps=%d" % (
        packets, min(ttls, default=-1), max(ttls, default=-1), longest, kbps(data)))


def kbps(arrivals):
    """The rate of (nanoseconds, bytes) arrivals from the middle one to the last, in kbit/s."""
    if len(arrivals) < 4:
        return 0
    middle = len(arrivals) // 2
    nanos = arrivals[-1][0] - arrivals[middle][0]
    bits = 8 * sum(length for _, length in arrivals[middle + 1:])
    return bits * 1_000_000 // max(nanos, 1)


ROLES = {"stalled-pull": stalled_pull, "sniff": sniff}

if __name__ == "__main__":
    ROLES[sys.argv[1]](*sys.argv[2:])
