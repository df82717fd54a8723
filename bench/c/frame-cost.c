/*
 * What one small frame costs libzmq itself when nothing waits: the C twin of
 * FrameCostBenchmark's loops. A PUSH and a PULL over inproc on one thread; each round sends one
 * frame with zmq_send and receives it with zmq_recv (reused buffers, ZMQ_DONTWAIT), so the
 * receiver never finds the pipe empty and never sleeps. Prints the thread's CPU nanoseconds per
 * round (CPU time, not wall time: on a shared machine the time other processes take the CPU is
 * not counted), the best of REPEATS timed batches and their median, as FrameCostCpu does for
 * the Java side.
 *
 * Usage: bench/target/frame-cost-c [SIZE=64] [ROUNDS=200000] [REPEATS=20]
 * Build (the bench pom does this in its package phase):
 *   cc -O2 -Wall -Wextra -o bench/target/frame-cost-c bench/c/frame-cost.c -lzmq
 */
#define _POSIX_C_SOURCE 200809L

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <zmq.h>

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static int by_value(const void *a, const void *b)
{
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    size_t size = argc > 1 ? (size_t) atol(argv[1]) : 64;
    long rounds = argc > 2 ? atol(argv[2]) : 200000;
    int repeats = argc > 3 ? atoi(argv[3]) : 20;
    char *out = calloc(size + 1, 1), *in = calloc(size + 1, 1);
    void *context = zmq_ctx_new();
    void *pull = zmq_socket(context, ZMQ_PULL), *push = zmq_socket(context, ZMQ_PUSH);
    /* No high-water mark: a socket that never waits processes its commands at most about once
       a millisecond, so the PUSH would not learn in time that frames were read and would find
       its pipe full after 1000 of them. */
    int unlimited = 0;
    zmq_setsockopt(push, ZMQ_SNDHWM, &unlimited, sizeof unlimited);
    zmq_setsockopt(pull, ZMQ_RCVHWM, &unlimited, sizeof unlimited);
    if (zmq_bind(pull, "inproc://frame-cost") != 0 || zmq_connect(push, "inproc://frame-cost") != 0) {
        fprintf(stderr, "frame-cost: setup failed: %s\n", zmq_strerror(zmq_errno()));
        return 1;
    }
    /* One blocking round first: the PULL end processes the connection before the timed rounds. */
    if (zmq_send(push, out, size, 0) < 0 || zmq_recv(pull, in, size, 0) < 0) {
        fprintf(stderr, "frame-cost: first round failed: %s\n", zmq_strerror(zmq_errno()));
        return 1;
    }
    double *ns_per_round = calloc((size_t) repeats, sizeof *ns_per_round);
    for (int r = 0; r < repeats; r++) {
        double start = now();
        for (long i = 0; i < rounds; i++) {
            if (zmq_send(push, out, size, ZMQ_DONTWAIT) < 0 || zmq_recv(pull, in, size, ZMQ_DONTWAIT) < 0) {
                fprintf(stderr, "frame-cost: %s\n", zmq_strerror(zmq_errno()));
                return 1;
            }
        }
        ns_per_round[r] = (now() - start) / rounds;
    }
    qsort(ns_per_round, (size_t) repeats, sizeof *ns_per_round, by_value);
    printf("impl=c frame-cost size=%zu rounds=%ld best_ns=%.1f median_ns=%.1f\n", size, rounds, ns_per_round[0],
           ns_per_round[repeats / 2]);
    free(ns_per_round);
    int linger = 0;
    zmq_setsockopt(push, ZMQ_LINGER, &linger, sizeof linger);
    zmq_close(push);
    zmq_close(pull);
    zmq_ctx_term(context);
    free(out);
    free(in);
    return 0;
}
