/*
 * zmq-ffm umbrella header: the one file jextract reads to produce generated/.
 *
 * Draft declarations are switched on so that the draft API is generated too;
 * the Java layer uses a draft function only after finding its symbol in the
 * libzmq it loaded, because distribution builds (Debian's among them) leave
 * drafts out.
 */
#define ZMQ_BUILD_DRAFT_API 1
#include <zmq.h>

/* errno values, so that Errno maps the platform's numbers without retyping them. */
#include <errno.h>

/* A wake-up descriptor for interruptible waits and pipes for raw-fd polling. */
#include <unistd.h>
#ifdef __linux__
#include <sys/eventfd.h>
#endif

/* poll(2): a blocking receive waits on the socket's ZMQ_FD and the wake-up descriptor directly. */
#include <poll.h>

/* epoll(7): one reactor thread waits on many sockets' ZMQ_FD descriptors, each armed one-shot. */
#ifdef __linux__
#include <sys/epoll.h>
#endif
