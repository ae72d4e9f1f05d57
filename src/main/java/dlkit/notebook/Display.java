package dlkit.notebook;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Shows values in the notebook from library code, and replaces them in place: the progress bar and
 * the live learning curve use one output each, updated, rather than thousands of lines. Outside a
 * notebook (tests, a terminal) there is nothing to show into: {@link #inNotebook()} is false and
 * {@link #show} returns {@code null}.
 *
 * <p>Goes through the kernel's own {@code display}/{@code updateDisplay} functions, found at run time,
 * so that the library works with or without the kernel on the classpath.
 */
public final class Display {

    private static final String STATICS = "org.dflib.jjava.jupyter.kernel.BaseNotebookStatics";
    private static final String KERNEL = "org.dflib.jjava.jupyter.kernel.BaseKernel";

    private static volatile Method display;
    private static volatile Method update;

    /**
     * Outputs are sent from this thread, never from the caller's: sending to the notebook may clear the
     * calling thread's interrupt flag, and training stops on that flag when a learner presses stop.
     */
    private static final ExecutorService SENDER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "dlkit-display");
        t.setDaemon(true);
        return t;
    });

    private Display() {
    }

    /** Whether this code runs inside a notebook kernel. */
    public static boolean inNotebook() {
        try {
            return Class.forName(KERNEL).getMethod("notebookKernel").invoke(null) != null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return false;
        }
    }

    /**
     * Shows a value below the running cell.
     *
     * @return an id for {@link #update}, or {@code null} outside a notebook
     */
    public static String show(Object value) {
        if (!inNotebook()) {
            return null;
        }
        try {
            if (display == null) {
                display = Class.forName(STATICS).getMethod("display", Object.class);
            }
            return (String) send(display, value);
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Calls a kernel function on the sender thread and waits for it; an interrupt of the caller stays set. */
    private static Object send(Method function, Object... args) throws ReflectiveOperationException {
        Future<Object> sent = SENDER.submit(() -> function.invoke(null, args));
        try {
            return sent.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ReflectiveOperationException r) {
                throw r;
            }
            throw new IllegalStateException("The notebook did not take an output: " + e.getCause(), e.getCause());
        }
    }

    /** Replaces the output shown under {@code id} by a new value; does nothing when {@code id} is null. */
    public static void update(String id, Object value) {
        if (id == null) {
            return;
        }
        try {
            if (update == null) {
                update = Class.forName(STATICS).getMethod("updateDisplay", String.class, Object.class);
            }
            send(update, id, value);
        } catch (ReflectiveOperationException | LinkageError e) {
            // The output stays as it was; training goes on.
        }
    }
}
