/*
 * StreamCpu's loop in C: a sender thread zmq_send()s COUNT frames of SIZE bytes to a PUSH, the
 * main thread zmq_recv()s them from a PULL (blocking calls, reused buffers), and each thread
 * reads its own CPU clock around its loop. Prints the median over ROUNDS (the first a warm-up,
 * not counted) of each side's CPU nanoseconds per message and of the wall-clock rate, in the
 * format of StreamCpu.
 *
 * Usage: bench/target/stream-cpu-c [TRANSPORT=inproc] [SIZE=64] [COUNT=2000000] [ROUNDS=6]
 * Build (the bench pom does this in its package phase):
 *   cc -O2 -Wall -Wextra -o bench/target/stream-cpu-c bench/c/stream-cpu.c -lzmq -lpthread
 */
#define _POSIX_C_SOURCE 200809L

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

static void *push;
static int size;
static long count;
static double send_ns;

static double clock_ns(clockid_t clock)
{
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static void *sender(void *unused)
{
    (void) unused;
    char *frame = calloc(1, size > 0 ? size : 1);
    double start = clock_ns(CLOCK_THREAD_CPUTIME_ID);
    for (long i = 0; i < count; i++) {
        if (zmq_send(push, frame, size, 0) < 0) {
            perror("zmq_send");
            exit(1);
        }
    }
    send_ns = (clock_ns(CLOCK_THREAD_CPUTIME_ID) - start) / count;
    free(frame);
    return NULL;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

static double median(double *values, int n)
{
    qsort(values, n, sizeof *values, by_value);
    return values[n / 2];
}

int main(int argc, char **argv)
{
    const char *transport = argc > 1 ? argv[1] : "inproc";
    size = argc > 2 ? atoi(argv[2]) : 64;
    count = argc > 3 ? atol(argv[3]) : 2000000;
    int rounds = argc > 4 ? atoi(argv[4]) : 6;
    if (rounds < 2 || count < 1 || size < 0) {
        fprintf(stderr, "usage: stream-cpu-c [inproc|ipc|tcp] [SIZE] [COUNT] [ROUNDS >= 2]\n");
        return 2;
    }
    char endpoint[256];
    if (strcmp(transport, "inproc") == 0) {
        strcpy(endpoint, "inproc://stream-cpu");
    } else if (strcmp(transport, "ipc") == 0) {
        snprintf(endpoint, sizeof endpoint, "ipc:///tmp/stream-cpu-%ld.sock", (long) getpid());
    } else {
        strcpy(endpoint, "tcp://127.0.0.1:*");
    }
    void *context = zmq_ctx_new();
    void *pull = zmq_socket(context, ZMQ_PULL);
    push = zmq_socket(context, ZMQ_PUSH);
    size_t length = sizeof endpoint;
    if (zmq_bind(pull, endpoint) < 0 || zmq_getsockopt(pull, ZMQ_LAST_ENDPOINT, endpoint, &length) < 0
            || zmq_connect(push, endpoint) < 0) {
        perror(endpoint);
        return 1;
    }
    char *in = malloc(size > 0 ? size : 1);
    double *sends = calloc(rounds, sizeof(double));
    double *receives = calloc(rounds, sizeof(double));
    double *rates = calloc(rounds, sizeof(double));
    for (int round = 0; round < rounds; round++) {
        pthread_t thread;
        pthread_create(&thread, NULL, sender, NULL);
        double wall = clock_ns(CLOCK_MONOTONIC);
        double start = clock_ns(CLOCK_THREAD_CPUTIME_ID);
        for (long i = 0; i < count; i++) {
            if (zmq_recv(pull, in, size, 0) < 0) {
                perror("zmq_recv");
                return 1;
            }
        }
        double received = (clock_ns(CLOCK_THREAD_CPUTIME_ID) - start) / count;
        wall = clock_ns(CLOCK_MONOTONIC) - wall;
        pthread_join(thread, NULL);
        if (round > 0) {
            sends[round - 1] = send_ns;
            receives[round - 1] = received;
            rates[round - 1] = count * 1e9 / wall;
        }
    }
    printf("impl=c stream-cpu transport=%s size=%d send_cpu_ns=%.1f receive_cpu_ns=%.1f msgs_per_s=%.0f rounds=%d\n",
           transport, size, median(sends, rounds - 1), median(receives, rounds - 1), median(rates, rounds - 1),
           rounds - 1);
    zmq_close(push);
    zmq_close(pull);
    zmq_ctx_term(context);
    return 0;
}
