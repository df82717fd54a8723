#include <zmq.h>
#include <errno.h>
long long send_loop(void *s, const char *buf, long long size, long long n) {
    for (long long i = 0; i < n; i++)
        while (zmq_send(s, buf, (size_t) size, 0) < 0) if (zmq_errno() != EINTR) return -1;
    return n;
}
long long recv_loop(void *s, char *buf, long long size, long long n) {
    for (long long i = 0; i < n; i++)
        while (zmq_recv(s, buf, (size_t) size, 0) < 0) if (zmq_errno() != EINTR) return -1;
    return n;
}
