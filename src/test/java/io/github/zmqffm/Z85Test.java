package io.github.zmqffm;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Z85Test {
    /** The vectors of ZeroMQ RFC 32 (Z85). */
    private static final byte[] HELLO = {(byte) 0x86, 0x4F, (byte) 0xD2, 0x6F, (byte) 0xB5, 0x59, (byte) 0xF7, 0x5B};
    private static final byte[] CLIENT_PUBLIC = bytes(
            0xBB, 0x88, 0x47, 0x1D, 0x65, 0xE2, 0x65, 0x9B, 0x30, 0xC5, 0x5A, 0x53, 0x21, 0xCE, 0xBB, 0x5A,
            0xAB, 0x2B, 0x70, 0xA3, 0x98, 0x64, 0x5C, 0x26, 0xDC, 0xA2, 0xB2, 0xFC, 0xB4, 0x3F, 0xC5, 0x18);
    private static final byte[] SERVER_PUBLIC = bytes(
            0x7B, 0xB8, 0x64, 0xB4, 0x89, 0xAF, 0xA3, 0x67, 0x1F, 0xBE, 0x69, 0x10, 0x1F, 0x94, 0xB3, 0x89,
            0x72, 0xF2, 0x48, 0x16, 0xDF, 0xB0, 0x1B, 0x51, 0x65, 0x6B, 0x3F, 0xEC, 0x8D, 0xFD, 0x08, 0x88);

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    @Test
    void encodesTheSpecVectors() {
        assertEquals("HelloWorld", Z85.encode(HELLO));
        assertEquals("Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID", Z85.encode(CLIENT_PUBLIC));
        assertEquals("D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs", Z85.encode(SERVER_PUBLIC));
    }

    @Test
    void decodesTheSpecVectors() {
        assertArrayEquals(HELLO, Z85.decode("HelloWorld"));
        assertArrayEquals(CLIENT_PUBLIC, Z85.decode("Yne@$w-vo<fVvi]a<NY6T1ed:M$fCG*[IaLV{hID"));
        assertArrayEquals(SERVER_PUBLIC, Z85.decode("D:)Q[IlAW!ahhC2ac:9*A}h:p?([4%wOTJ%JR%cs"));
    }

    @Test
    void emptyInputRoundTrips() {
        assertEquals("", Z85.encode(new byte[0]));
        assertArrayEquals(new byte[0], Z85.decode(""));
    }

    @Test
    void everyByteValueRoundTrips() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        assertArrayEquals(all, Z85.decode(Z85.encode(all)));
    }

    @Test
    void refusesALengthThatIsNotAMultipleOfFour() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Z85.encode(new byte[5]));
        assertTrue(e.getMessage().contains("multiple of 4"), e.getMessage());
    }

    @Test
    void refusesTextWhoseLengthIsNotAMultipleOfFive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hello1"));
        assertTrue(e.getMessage().contains("multiple of 5"), e.getMessage());
    }

    @Test
    void namesACharacterOutsideTheAlphabet() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hell\"World"));
        assertTrue(e.getMessage().contains("index 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("Hello Worl"));
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("HelloWörld"));
    }

    @Test
    void refusesAGroupAboveThirtyTwoBits() {
        assertThrows(IllegalArgumentException.class, () -> Z85.decode("#####"));
    }

    @Test
    void refusesNull() {
        assertThrows(NullPointerException.class, () -> Z85.encode(null));
        assertThrows(NullPointerException.class, () -> Z85.decode(null));
    }
}
