/*
 * The perf tool in C, on the system libzmq: the same key=value arguments, the same protocol
 * and the same one-line result as the Java tool (bench/target/perf.jar), with impl=c. It is the
 * physical limit zmq-ffm is measured against: plain zmq_send/zmq_recv loops on reused buffers,
 * the peer in a second pthread for role=both. See bench/README.md.
 *
 * Build (the bench pom does this in its package phase):
 *   cc -O2 -Wall -Wextra -o bench/target/perf-c bench/c/perf.c -lzmq -lpthread
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

#define MAX_SIZE (1LL << 30)
#define MAX_COUNT (0x7fffffffffffffffLL / 4)
#define HANG_UP_MILLIS 2000 /* how long a peer's send may wait before the measuring end counts as gone */

static const char USAGE[] =
    "usage: bench/target/perf-c pattern=thr|lat transport=inproc|ipc|tcp size=BYTES count=N\n"
    "       [warmup=N] [role=both|measure|peer] [endpoint=EP] [io_threads=N] [impl=c]\n"
    "  thr: a PUSH peer sends warmup+count messages; the PULL end measures from the first\n"
    "       counted message and prints msgs_per_s and mbit_per_s.\n"
    "  lat: REQ/REP echo; the REQ end prints lat_us, the one-way latency (round trip / 2).\n"
    "  role=both (default) runs both ends as two threads; role=measure binds (endpoint=,\n"
    "  default tcp://127.0.0.1:* or a temporary ipc path, printed on stderr) and prints the\n"
    "  result; role=peer connects to endpoint= (a thr peer sends until the measuring end\n"
    "  hangs up). Both ends need the same size, count and warmup; warmup defaults to count/10.\n"
    "  Exit status 2 for a bad argument, 1 if the run fails.\n";

enum role { BOTH, MEASURE, PEER };

struct config {
    int thr;                 /* 1 for pattern=thr, 0 for lat */
    const char *transport;
    long long size;
    long long count;
    long long warmup;
    enum role role;
    const char *endpoint;    /* NULL: a default */
    int io_threads;
};

struct peer_args {
    const struct config *config;
    void *context;
    const char *endpoint;
};

/* Set when the measuring end has every message: with role=both the peer closes only then,
   because libzmq 4.3.4 can drop the tail of a stream over ipc when the sender closes while the
   receiver is behind, LINGER notwithstanding (libzmq #4660). */
static pthread_mutex_t measured_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t measured_signal = PTHREAD_COND_INITIALIZER;
static int measured;

static void set_measured(void)
{
    pthread_mutex_lock(&measured_lock);
    measured = 1;
    pthread_cond_signal(&measured_signal);
    pthread_mutex_unlock(&measured_lock);
}

static void await_measured(void)
{
    pthread_mutex_lock(&measured_lock);
    while (!measured)
        pthread_cond_wait(&measured_signal, &measured_lock);
    pthread_mutex_unlock(&measured_lock);
}

/* A bad argument: says which, shows the usage and exits with 2. */
static void bad(const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    fprintf(stderr, "perf: ");
    vfprintf(stderr, fmt, args);
    va_end(args);
    fprintf(stderr, "\n%s", USAGE);
    exit(2);
}

static void fail(const char *what)
{
    fprintf(stderr, "perf: failed: %s: %s\n", what, zmq_strerror(zmq_errno()));
    exit(1);
}

/* The value of key in argv, or NULL; a key given twice is an error. */
static const char *value(int argc, char **argv, const char *key)
{
    const char *found = NULL;
    size_t n = strlen(key);
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], key, n) == 0 && argv[i][n] == '=') {
            if (found != NULL)
                bad("key '%s' given twice", key);
            found = argv[i] + n + 1;
        }
    }
    return found;
}

static const char *choice(int argc, char **argv, const char *key, const char *fallback,
                          const char *a, const char *b, const char *c)
{
    const char *v = value(argc, argv, key);
    if (v == NULL) {
        if (fallback == NULL)
            bad("missing %s=%s%s%s%s%s", key, a, b ? "|" : "", b ? b : "", c ? "|" : "", c ? c : "");
        return fallback;
    }
    if (strcmp(v, a) != 0 && !(b && strcmp(v, b) == 0) && !(c && strcmp(v, c) == 0))
        bad("bad argument '%s=%s': expected %s%s%s%s%s", key, v, a, b ? " or " : "", b ? b : "",
            c ? " or " : "", c ? c : "");
    return v;
}

static long long number(int argc, char **argv, const char *key, long long fallback, long long min,
                        long long max)
{
    const char *v = value(argc, argv, key);
    if (v == NULL) {
        if (fallback < 0)
            bad("missing %s=N", key);
        return fallback;
    }
    char *end;
    errno = 0;
    long long n = strtoll(v, &end, 10);
    if (*v == '\0' || *end != '\0' || errno != 0 || n < min || n > max)
        bad("bad argument '%s=%s': expected a whole number from %lld to %lld", key, v, min, max);
    return n;
}

static struct config parse(int argc, char **argv)
{
    static const char *keys[] = {"pattern", "transport", "size", "count", "warmup", "role",
                                 "endpoint", "io_threads", "impl", NULL};
    for (int i = 1; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (eq == NULL || eq == argv[i])
            bad("argument '%s' is not key=value", argv[i]);
        int known = 0;
        for (int k = 0; keys[k]; k++)
            known |= (size_t) (eq - argv[i]) == strlen(keys[k]) && strncmp(argv[i], keys[k], eq - argv[i]) == 0;
        if (!known)
            bad("unknown key '%.*s' in '%s'", (int) (eq - argv[i]), argv[i], argv[i]);
    }
    struct config c;
    c.thr = strcmp(choice(argc, argv, "pattern", NULL, "thr", "lat", NULL), "thr") == 0;
    c.transport = choice(argc, argv, "transport", NULL, "inproc", "ipc", "tcp");
    c.size = number(argc, argv, "size", -1, 0, MAX_SIZE);
    c.count = number(argc, argv, "count", -1, c.thr ? 2 : 1, MAX_COUNT);
    c.warmup = number(argc, argv, "warmup", c.count / 10, 0, MAX_COUNT);
    const char *role = choice(argc, argv, "role", "both", "both", "measure", "peer");
    c.role = strcmp(role, "both") == 0 ? BOTH : strcmp(role, "measure") == 0 ? MEASURE : PEER;
    c.io_threads = (int) number(argc, argv, "io_threads", 1, 1, 64);
    choice(argc, argv, "impl", "c", "c", NULL, NULL);
    c.endpoint = value(argc, argv, "endpoint");
    if (strcmp(c.transport, "inproc") == 0 && c.role != BOTH)
        bad("bad argument 'role=%s': inproc connects threads of one process, use role=both", role);
    if (c.role == PEER && c.endpoint == NULL)
        bad("role=peer needs endpoint=EP, the measuring end's address");
    if (c.endpoint != NULL && (strncmp(c.endpoint, c.transport, strlen(c.transport)) != 0
                               || strncmp(c.endpoint + strlen(c.transport), "://", 3) != 0))
        bad("bad argument 'endpoint=%s': expected %s://... for transport=%s", c.endpoint, c.transport, c.transport);
    return c;
}

static void *open_socket(void *context, int type, const char *endpoint, int bind)
{
    void *s = zmq_socket(context, type);
    if (s == NULL)
        fail("zmq_socket");
    int linger = -1; /* the peer's last messages must arrive */
    if (zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger) != 0)
        fail("zmq_setsockopt(ZMQ_LINGER)");
    if ((bind ? zmq_bind(s, endpoint) : zmq_connect(s, endpoint)) != 0)
        fail(bind ? "zmq_bind" : "zmq_connect");
    return s;
}

static void *new_context(int io_threads)
{
    void *context = zmq_ctx_new();
    if (context == NULL || zmq_ctx_set(context, ZMQ_IO_THREADS, io_threads) != 0)
        fail("zmq_ctx_new");
    return context;
}

static void send_one(void *s, const char *buffer, size_t size)
{
    while (zmq_send(s, buffer, size, 0) < 0)
        if (zmq_errno() != EINTR)
            fail("zmq_send");
}

static void receive_one(void *s, char *buffer, long long size)
{
    int n;
    while ((n = zmq_recv(s, buffer, (size_t) size, 0)) < 0)
        if (zmq_errno() != EINTR)
            fail("zmq_recv");
    if (n != size) {
        fprintf(stderr, "perf: failed: received a %d-byte message, expected size=%lld"
                " (do both ends use the same size?)\n", n, size);
        exit(1);
    }
}

static void run_peer(const struct config *c, void *context, const char *endpoint)
{
    void *s = open_socket(context, c->thr ? ZMQ_PUSH : ZMQ_REP, endpoint, 0);
    char *buffer = calloc(1, (size_t) c->size + 1);
    long long total = c->warmup + c->count;
    for (long long i = 0; i < total; i++) {
        if (!c->thr)
            receive_one(s, buffer, c->size);
        send_one(s, buffer, (size_t) c->size);
    }
    if (c->role == BOTH) {
        await_measured();
    } else if (c->thr) {
        /* In a process of its own the peer cannot see when the measuring end is done, and closing
           early can lose the tail (see above): it keeps sending until the measuring end has hung
           up, which makes a send wait for ever, and then closes without lingering. */
        int limit = HANG_UP_MILLIS, linger = 0;
        zmq_setsockopt(s, ZMQ_SNDTIMEO, &limit, sizeof limit);
        zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
        while (zmq_send(s, buffer, (size_t) c->size, 0) >= 0 || zmq_errno() == EINTR)
            ;
    }
    free(buffer);
    zmq_close(s);
}

static void *peer_thread(void *arg)
{
    struct peer_args *p = arg;
    if (p->context != NULL) {
        run_peer(p->config, p->context, p->endpoint);
    } else {
        void *own = new_context(p->config->io_threads);
        run_peer(p->config, own, p->endpoint);
        zmq_ctx_term(own);
    }
    return NULL;
}

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

static void measure(const struct config *c, void *s, char *result, size_t length)
{
    char *buffer = calloc(1, (size_t) c->size + 1);
    if (c->thr) {
        for (long long i = 0; i < c->warmup; i++)
            receive_one(s, buffer, c->size);
        receive_one(s, buffer, c->size);
        double start = now_seconds();
        for (long long i = 1; i < c->count; i++)
            receive_one(s, buffer, c->size);
        double messages = (double) c->count / (now_seconds() - start);
        snprintf(result, length, "msgs_per_s=%.0f mbit_per_s=%.3f", messages,
                 messages * (double) c->size * 8 / 1e6);
    } else {
        for (long long i = 0; i < c->warmup; i++) {
            send_one(s, buffer, (size_t) c->size);
            receive_one(s, buffer, c->size);
        }
        double start = now_seconds();
        for (long long i = 0; i < c->count; i++) {
            send_one(s, buffer, (size_t) c->size);
            receive_one(s, buffer, c->size);
        }
        double micros = (now_seconds() - start) * 1e6;
        snprintf(result, length, "lat_us=%.3f", micros / ((double) c->count * 2));
    }
    free(buffer);
}

int main(int argc, char **argv)
{
    struct config c = parse(argc, argv);
    if (c.role == PEER) {
        void *context = new_context(c.io_threads);
        run_peer(&c, context, c.endpoint);
        zmq_ctx_term(context);
        return 0;
    }
    char ipc_dir[] = "/tmp/zmq-perf-XXXXXX";
    char endpoint[512];
    if (c.endpoint != NULL) {
        snprintf(endpoint, sizeof endpoint, "%s", c.endpoint);
    } else if (strcmp(c.transport, "ipc") == 0) {
        if (mkdtemp(ipc_dir) == NULL) {
            perror("perf: failed: mkdtemp");
            return 1;
        }
        snprintf(endpoint, sizeof endpoint, "ipc://%s/perf.sock", ipc_dir);
    } else {
        snprintf(endpoint, sizeof endpoint, "%s", strcmp(c.transport, "tcp") == 0 ? "tcp://127.0.0.1:*" : "inproc://perf");
    }
    void *context = new_context(c.io_threads);
    void *s = open_socket(context, c.thr ? ZMQ_PULL : ZMQ_REQ, endpoint, 1);
    char bound[512];
    size_t bound_size = sizeof bound;
    if (zmq_getsockopt(s, ZMQ_LAST_ENDPOINT, bound, &bound_size) != 0)
        fail("zmq_getsockopt(ZMQ_LAST_ENDPOINT)");
    pthread_t peer;
    struct peer_args args = {&c, strcmp(c.transport, "inproc") == 0 ? context : NULL, bound};
    if (c.role == BOTH) {
        if (pthread_create(&peer, NULL, peer_thread, &args) != 0) {
            perror("perf: failed: pthread_create");
            return 1;
        }
    } else {
        fprintf(stderr, "perf: measuring at %s\n", bound);
    }
    char result[128];
    measure(&c, s, result, sizeof result);
    set_measured();
    zmq_close(s);
    if (c.role == BOTH)
        pthread_join(peer, NULL);
    zmq_ctx_term(context);
    if (c.endpoint == NULL && strcmp(c.transport, "ipc") == 0) {
        snprintf(endpoint, sizeof endpoint, "%s/perf.sock", ipc_dir);
        unlink(endpoint);
        rmdir(ipc_dir);
    }
    printf("impl=c transport=%s pattern=%s size=%lld count=%lld %s\n", c.transport, c.thr ? "thr" : "lat",
           c.size, c.count, result);
    return 0;
}
