/**
 * zmq-ffm: the Java binding to libzmq (ZeroMQ) on the Foreign Function and Memory API.
 *
 * <p>The API lives in {@code io.github.zmqffm}; the jextract output in
 * {@code io.github.zmqffm.raw} is an implementation detail and is not exported. Applications
 * grant native access to this module, e.g. {@code --enable-native-access=io.github.zmqffm}
 * (or {@code ALL-UNNAMED} when the jar is on the class path).
 */
module io.github.zmqffm {
    exports io.github.zmqffm;
}
