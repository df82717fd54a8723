"""A pyzmq CURVE peer for zmq-ffm's interop tests; keys are made by pyzmq.

usage: curve_peer.py client ENDPOINT SERVER_PUBLIC_KEY   -> prints its own public key, waits
                                                            for a line on stdin, sends
                                                            "hello from pyzmq", prints the reply
       curve_peer.py server                              -> binds tcp://127.0.0.1:*, prints
                                                            its public key and endpoint, echoes
                                                            one request with "echo: " prefix
"""
import sys
import zmq

ctx = zmq.Context()
public, secret = zmq.curve_keypair()
if sys.argv[1] == "client":
    s = ctx.socket(zmq.REQ)
    s.curve_serverkey = sys.argv[3].encode()
    s.curve_publickey = public
    s.curve_secretkey = secret
    s.rcvtimeo = 10000
    s.linger = 0
    print(public.decode(), flush=True)
    sys.stdin.readline()  # the test allows our key before we connect
    s.connect(sys.argv[2])
    s.send(b"hello from pyzmq")
    print(s.recv().decode(), flush=True)
else:
    s = ctx.socket(zmq.REP)
    s.curve_server = True
    s.curve_secretkey = secret
    s.rcvtimeo = 10000
    s.linger = 0
    s.bind("tcp://127.0.0.1:*")
    print(public.decode(), flush=True)
    print(s.last_endpoint.decode(), flush=True)
    s.send(b"echo: " + s.recv())
s.close()
ctx.term()
