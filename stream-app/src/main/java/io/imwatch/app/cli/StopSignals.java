package io.imwatch.app.cli;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a request to stop: {@code run} then closes everything and exits 0,
 * as after any clean stop. Left to the JVM, a signal ends the process with 130 or 143 whatever the
 * shutdown hooks do, and ending it with {@code Runtime.halt} from a hook would skip the JVM's own
 * clean-up (RocksDB's native library unpacked in the temp directory is deleted on exit). A second
 * signal while stopping ends the process at once. Uses {@code sun.misc.Signal} (module
 * jdk.unsupported) by reflection, as javac warns on any direct use; where it is missing, the shutdown
 * hook still stops imwatch cleanly, with the JVM's exit status.
 */
final class StopSignals implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StopSignals.class);
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Map<Object, Object> previous = new LinkedHashMap<>();
    private Method handle;

    private StopSignals() {}

    /** Calls {@code stop} (in a thread of its own) on the first SIGINT or SIGTERM. */
    static StopSignals install(Runnable stop) {
        StopSignals signals = new StopSignals();
        AtomicBoolean stopping = new AtomicBoolean();
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            InvocationHandler onSignal = (proxy, method, args) -> switch (method.getName()) {
                case "handle" -> {
                    if (stopping.compareAndSet(false, true)) {
                        stop.run();
                    } else {
                        System.err.println("imwatch: stopping now, without closing cleanly");
                        Runtime.getRuntime().halt(1);
                    }
                    yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "imwatch stop handler";
            };
            Object handler =
                    Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
            Constructor<?> newSignal = signalClass.getConstructor(String.class);
            signals.handle = signalClass.getMethod("handle", signalClass, handlerClass);
            for (String name : SIGNALS) {
                Object signal = newSignal.newInstance(name);
                signals.previous.put(signal, signals.handle.invoke(null, signal, handler));
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            log.debug("cannot handle stop signals; the JVM's shutdown hook stops imwatch instead", e);
        }
        return signals;
    }

    /** Gives the signals back to the JVM. */
    @Override
    public void close() {
        previous.forEach((signal, handler) -> {
            try {
                handle.invoke(null, signal, handler);
            } catch (ReflectiveOperationException | RuntimeException e) {
                log.debug("cannot restore the handler of {}", signal, e);
            }
        });
        previous.clear();
    }
}
