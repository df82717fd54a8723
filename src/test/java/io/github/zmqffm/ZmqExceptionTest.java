package io.github.zmqffm;

import io.github.zmqffm.internal.nat.Errors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one exception type for libzmq failures, and the errno values it carries. */
class ZmqExceptionTest {
    @Test
    void messageIsOperationThenLibzmqsTextThenTheName() {
        ZmqException e = new ZmqException("bind tcp://127.0.0.1:99999", Errno.EINVAL.code());
        assertEquals("bind tcp://127.0.0.1:99999: Invalid argument (EINVAL)", e.getMessage());
        assertEquals("bind tcp://127.0.0.1:99999", e.operation());
        assertEquals(Errno.EINVAL, e.errno());
        assertEquals(Errno.EINVAL.code(), e.code());
    }

    @Test
    void libzmqsOwnErrorsHaveTheirOwnText() {
        assertEquals("send: Operation cannot be accomplished in current state (EFSM)",
                new ZmqException("send", Errno.EFSM.code()).getMessage());
        assertEquals("receive: Context was terminated (ETERM)",
                new ZmqException("receive", Errno.ETERM.code()).getMessage());
        assertEquals("connect: The protocol is not compatible with the socket type (ENOCOMPATPROTO)",
                new ZmqException("connect", Errno.ENOCOMPATPROTO.code()).getMessage());
        assertEquals("recv: No thread available (EMTHREAD)",
                new ZmqException("recv", Errno.EMTHREAD.code()).getMessage());
    }

    @Test
    void unknownNumbersAreKept() {
        ZmqException e = new ZmqException("poll", 4242);
        assertEquals(Errno.UNKNOWN, e.errno());
        assertEquals(4242, e.code());
        assertTrue(e.getMessage().startsWith("poll: ") && e.getMessage().endsWith(" (errno 4242)"), e.getMessage());
    }

    @Test
    void etermBecomesContextTerminatedException() {
        ZmqException e = Errors.of("receive", Errno.ETERM.code());
        assertInstanceOf(ContextTerminatedException.class, e);
        assertEquals(Errno.ETERM, e.errno());
        assertInstanceOf(ZmqException.class, Errors.of("send", Errno.EAGAIN.code()));
        assertEquals(ZmqException.class, Errors.of("send", Errno.EAGAIN.code()).getClass());
    }

    @Test
    void interruptedCarriesEintr() {
        ZmqInterruptedException e = new ZmqInterruptedException("receive");
        assertEquals(Errno.EINTR, e.errno());
        assertEquals("receive: Interrupted system call (EINTR)", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Errno.class, names = {"UNKNOWN", "EOPNOTSUPP"}, mode = EnumSource.Mode.EXCLUDE)
    void errnoNumbersRoundTrip(Errno errno) {
        assertTrue(errno.code() > 0);
        assertEquals(errno, Errno.of(errno.code()));
    }

    @Test
    void errnoNumbersAreThePlatformsAndLibzmqs() {
        assertEquals(11, Errno.EAGAIN.code(), "Linux");
        assertEquals(156384763, Errno.EFSM.code(), "ZMQ_HAUSNUMERO + 51");
        assertEquals(156384765, Errno.ETERM.code(), "ZMQ_HAUSNUMERO + 53");
        assertEquals(Errno.ENOTSUP.code(), Errno.EOPNOTSUPP.code(), "one number on Linux");
        assertEquals(Errno.ENOTSUP, Errno.of(Errno.EOPNOTSUPP.code()));
        assertEquals(Errno.UNKNOWN, Errno.of(-1));
        assertEquals(Errno.UNKNOWN, Errno.of(0));
    }
}
