package dlkit.notebook;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The stop button of a notebook, as the course's kernel answers it.
 *
 * <p>JJava answers the button by cancelling the running cell at once: the cell ends with the kernel's
 * "Evaluator was interrupted" while its code goes on in the background until it notices the interrupt,
 * and whatever that code shows afterwards (the progress bar's last state, {@code Learner.fit}'s "interrupted
 * in epoch 3 after 120 batches ...") reaches no cell. In the course's kernel the button first interrupts the
 * cell's thread and waits up to {@link #GRACE_MILLIS} ms for code that watches for interrupts to stop and
 * say so ({@link #stopped()}), or for the cell to end; only then is the cell cancelled as JJava would. Code
 * that never looks at the interrupt is cancelled after the grace period, as before. A cell stopped by the button
 * always ends as interrupted, even when its code returns within the grace, so that the cells queued after it
 * (as in "Run All") do not run on a half-trained network.
 */
public final class StopButton {

    /** How long the button waits for the running code to stop by itself, in milliseconds. */
    public static final long GRACE_MILLIS = 3_000;

    private static final Object LOCK = new Object();
    private static long stops;

    private StopButton() {
    }

    /**
     * Says that code has stopped at an interrupt and shown what it wants the learner to see; the cell is
     * then cancelled at once instead of after the grace period. {@code Learner.fit} calls it.
     */
    public static void stopped() {
        synchronized (LOCK) {
            stops++;
            LOCK.notifyAll();
        }
    }

    /**
     * Puts the patient stop button into a JJava kernel: its evaluator's executor is wrapped so that
     * cancelling a cell interrupts first and waits as described above.
     *
     * @return {@code null} when installed, else why not (the kernel then keeps JJava's own behaviour)
     */
    public static String install(Object kernel) {
        try {
            Object evaluator = kernel.getClass().getMethod("getEvaluator").invoke(kernel);
            Object control = field(evaluator.getClass(), "execControl").get(evaluator);
            Field executorField = field(control.getClass(), "executor");
            Object executor = executorField.get(control);
            if (executor instanceof PatientExecutor) {
                return null;
            }
            executorField.set(control, new PatientExecutor((ExecutorService) executor));
            return null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "this JJava kernel's evaluator is not the one the course knows (" + e + "); the stop button "
                    + "cancels cells at once, without the library's message";
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** Interrupts the task's thread, then waits for a {@link #stopped()} or the task's end, at most the grace. */
    static void interruptAndWait(Thread runner, PatientTask<?> task, long graceMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
        synchronized (LOCK) {
            long before = stops;
            runner.interrupt();
            while (stops == before && !task.isDone() && !task.returned) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return;
                }
                try {
                    LOCK.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** The evaluator's executor, whose tasks wait for the running code before they are cancelled. */
    static final class PatientExecutor extends AbstractExecutorService {
        private final ExecutorService inner;
        private final long graceMillis;

        PatientExecutor(ExecutorService inner) {
            this(inner, GRACE_MILLIS);
        }

        PatientExecutor(ExecutorService inner, long graceMillis) {
            this.inner = inner;
            this.graceMillis = graceMillis;
        }

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
            return new PatientTask<>(callable, graceMillis);
        }

        @Override
        protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
            return new PatientTask<>(java.util.concurrent.Executors.callable(runnable, value), graceMillis);
        }

        @Override
        public void execute(Runnable command) {
            inner.execute(command);
        }

        @Override
        public void shutdown() {
            inner.shutdown();
        }

        @Override
        public List<Runnable> shutdownNow() {
            return inner.shutdownNow();
        }

        @Override
        public boolean isShutdown() {
            return inner.isShutdown();
        }

        @Override
        public boolean isTerminated() {
            return inner.isTerminated();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            return inner.awaitTermination(timeout, unit);
        }
    }

    /**
     * A cell's task: cancelling it interrupts its thread and waits before cancelling for real. While it is
     * being cancelled, what the code returns or throws is dropped, so the cancel always takes.
     */
    static final class PatientTask<T> extends FutureTask<T> {
        private final long graceMillis;
        private volatile Thread runner;
        private volatile boolean stopping;
        private volatile boolean returned;

        PatientTask(Callable<T> callable, long graceMillis) {
            super(callable);
            this.graceMillis = graceMillis;
        }

        @Override
        public void run() {
            runner = Thread.currentThread();
            try {
                super.run();
            } finally {
                runner = null;
            }
        }

        @Override
        protected void set(T value) {
            if (!ended()) {
                super.set(value);
            }
        }

        @Override
        protected void setException(Throwable thrown) {
            if (!ended()) {
                super.setException(thrown);
            }
        }

        /** True when the code ended while the button was stopping it; the waiting cancel is then woken. */
        private boolean ended() {
            synchronized (LOCK) {
                if (!stopping) {
                    return false;
                }
                returned = true;
                LOCK.notifyAll();
                return true;
            }
        }

        @Override
        protected void done() {
            synchronized (LOCK) {
                LOCK.notifyAll();
            }
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            Thread thread = runner;
            if (mayInterruptIfRunning && thread != null && !isDone()) {
                synchronized (LOCK) {
                    stopping = true;
                }
                interruptAndWait(thread, this, graceMillis);
            }
            return super.cancel(mayInterruptIfRunning);
        }
    }
}
